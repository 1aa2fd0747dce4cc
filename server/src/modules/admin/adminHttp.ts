import type { Middleware } from 'koa';
import { MulterError } from 'multer';
import { AppError } from '../../http/errors';
import type { ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import type { AppState } from '../../http/types';
import type { RequestInfo } from '../../kernel/audit';
import { assertProvince } from '../../kernel/scope';

/** Who asked, for the audit entry of a change. */
export const requestInfo = (ctx: ApiContext): RequestInfo => ({ ip: clientIp(ctx), requestId: ctx.state.requestId });

/** Runs after the official guard: refuses city and county officials with 403 FORBIDDEN. */
export const provinceOnly: Middleware<AppState> = async (ctx, next) => {
  assertProvince(ctx.state.official!);
  await next();
};

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
