import { totpDisableBody, totpEnableBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiRouter } from '../../http/apiRouter';
import type { AppState } from '../../http/types';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { requestInfo } from './adminHttp';
import { describeMe, disableTotp, enableTotp } from './me';
import { newTotpSetup } from './totp';

const tag = '管理后台：账号';

/** The signed-in official and their authenticator app (TOTP). */
export function addMeRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const, guards: [official] };

  // Also for an official who must change their password first: the admin reads it to send them there.
  const firstLogin = officialGuard(deps.db, deps.tokens, { allowPasswordChange: true });
  api.route(
    { ...base, guards: [firstLogin], method: 'get', path: '/api/admin/me', summary: '当前登录的考办人员' },
    (ctx) => describeMe(deps, ctx.state.official!),
  );

  api.route(
    { ...base, method: 'post', path: '/api/admin/me/totp/setup', summary: '生成动态验证码密钥和二维码（尚未启用）' },
    (ctx) => newTotpSetup(ctx.state.official!.username),
  );

  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/me/totp/enable',
      summary: '启用动态验证码（需输入验证器中的6位数字）',
      body: totpEnableBody,
    },
    (ctx, { body }) => enableTotp(deps, ctx.state.official!, body.secret, body.code, requestInfo(ctx)),
  );

  api.route(
    { ...base, method: 'post', path: '/api/admin/me/totp/disable', summary: '停用动态验证码', body: totpDisableBody },
    (ctx, { body }) => disableTotp(deps, ctx.state.official!, body.code, requestInfo(ctx)),
  );
}
