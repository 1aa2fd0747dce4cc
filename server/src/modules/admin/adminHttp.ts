import type { Middleware } from 'koa';
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

export { sheetUploadRefusals } from '../../http/sheetUpload';
