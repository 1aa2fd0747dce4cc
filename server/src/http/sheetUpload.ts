import multer from '@koa/multer';
import type { Middleware } from 'koa';
import { MulterError } from 'multer';
import { SHEET_MAX_BYTES } from '../lib/readSheet';
import { AppError } from './errors';
import type { AppState } from './types';

/** Runs a multer upload; a file over the limit or a malformed form is refused as IMPORT_FILE_INVALID. */
export function sheetUploadRefusals(
  upload: Middleware,
  reasons: { tooLarge: string; malformed: string },
): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await upload(ctx as never, async () => undefined);
    } catch (error) {
      const tooLarge = error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE';
      throw new AppError('IMPORT_FILE_INVALID', { reason: tooLarge ? reasons.tooLarge : reasons.malformed });
    }
    await next();
  };
}

/** Multipart field `file`, kept in memory (2 MB at most). */
export function sheetUpload(): Middleware<AppState> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: SHEET_MAX_BYTES, files: 1 },
    // Browsers send file names as UTF-8 (开考课程.xlsx), not latin1.
    defParamCharset: 'utf8',
  }).single('file');
  return sheetUploadRefusals(upload, {
    tooLarge: '文件不能超过2MB',
    malformed: '请以表单字段 file 上传一个 .xlsx 或 .csv 文件',
  });
}
