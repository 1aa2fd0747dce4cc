import multer from '@koa/multer';
import type { Middleware } from 'koa';
import { MulterError } from 'multer';
import { AppError } from '../../http/errors';
import type { AppState } from '../../http/types';
import { MAX_ATTACHMENT_BYTES } from './kinds';

/**
 * Multipart field `file` (and the text field `proof`), kept in memory until AttachmentStore has checked
 * it: nothing reaches the disk before the type, size and count checks. File names are read as UTF-8.
 */
export function attachmentUpload(): Middleware<AppState> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4 },
    defParamCharset: 'utf8',
  }).single('file');
  return async (ctx, next) => {
    try {
      await upload(ctx as never, async () => undefined);
    } catch (error) {
      if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') {
        throw new AppError('ATTACHMENT_INVALID', { reason: `文件不能超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB` });
      }
      throw new AppError('ATTACHMENT_INVALID', { reason: '请以表单字段 file 上传一个文件' });
    }
    await next();
  };
}
