import {
  bindPhoneBody,
  bindPhoneCodeBody,
  captchaOnlyBody,
  changePasswordBody,
  passwordLoginBody,
  refreshBody,
  resetPasswordBody,
  resetPasswordCodeBody,
  ticketLookupBody,
  unbindPhoneBody,
  wechatCodeBody,
} from '@kaowei/shared';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ApiRouter } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { candidateGuard } from './authGuards';
import { nextStep } from './candidateRepository';
import { bindPhone, bindPhoneWithWechat, sendBindPhoneCode } from './bindPhone';
import { changePassword } from './changePassword';
import type { AccountsDeps } from './deps';
import { loginWithPassword } from './loginWithPassword';
import { lookupTickets } from './lookupTickets';
import { refreshSession } from './refreshSession';
import { resetPassword, sendResetPasswordCode } from './resetPassword';
import { candidateProfile } from './session';
import { sendUnbindPhoneCode, unbindPhone } from './unbindPhone';
import { loginWithWechat, unlinkWechat } from './wechatLogin';

const tag = '考生账号';

export function accountRoutes(deps: AccountsDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const signedIn = candidateGuard(deps.db, deps.tokens, { allowFirstLogin: true });
  const security = 'candidate' as const;

  api.route({ method: 'get', path: '/api/captcha', summary: '获取图片验证码', tag }, (ctx) =>
    deps.captchas.issue(clientIp(ctx)),
  );

  api.route(
    { method: 'post', path: '/api/accounts/ticket-lookup', summary: '找回准考证号', tag, body: ticketLookupBody },
    (_ctx, { body }) => lookupTickets(deps, body),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/login',
      summary: '准考证号或证件号码 + 密码登录',
      tag,
      body: passwordLoginBody,
    },
    (ctx, { body }) => loginWithPassword(deps, body, clientIp(ctx)),
  );

  api.route(
    { method: 'post', path: '/api/accounts/refresh', summary: '刷新登录状态', tag, body: refreshBody },
    (_ctx, { body }) => refreshSession(deps, body.refreshToken),
  );

  api.route(
    { method: 'post', path: '/api/accounts/wechat-login', summary: '微信一键登录', tag, body: wechatCodeBody },
    (_ctx, { body }) => loginWithWechat(deps, body.code),
  );

  api.route(
    { method: 'post', path: '/api/accounts/wechat/unlink', summary: '解除微信绑定', tag, security, guards: [signedIn] },
    (ctx) => unlinkWechat(ctx.state.candidate!),
  );

  api.route(
    { method: 'get', path: '/api/accounts/me', summary: '我的信息与首次登录进度', tag, security, guards: [signedIn] },
    async (ctx) => {
      const candidate = ctx.state.candidate!;
      const { profile } = await candidateProfile(deps.db, candidate, ctx.state.ticketId);
      return { ...profile, nextStep: nextStep(candidate) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/phone/sms-code',
      summary: '获取绑定手机验证码（有在籍登记手机的，只能发送至该手机）',
      tag,
      security,
      guards: [signedIn],
      body: bindPhoneCodeBody,
    },
    (ctx, { body }) => sendBindPhoneCode(deps, ctx.state.candidate!, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/phone',
      summary: '绑定手机',
      tag,
      security,
      guards: [signedIn],
      body: bindPhoneBody,
    },
    (ctx, { body }) => bindPhone(deps, ctx.state.candidate!, body),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/phone/wechat',
      summary: '用微信手机号绑定',
      tag,
      security,
      guards: [signedIn],
      body: wechatCodeBody,
    },
    (ctx, { body }) => bindPhoneWithWechat(deps, ctx.state.candidate!, body.code),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/phone/unbind/sms-code',
      summary: '获取解绑手机验证码（发送至原手机）',
      tag,
      security,
      guards: [signedIn],
      body: captchaOnlyBody,
    },
    (ctx, { body }) => sendUnbindPhoneCode(deps, ctx.state.candidate!, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/phone/unbind',
      summary: '解绑手机',
      tag,
      security,
      guards: [signedIn],
      body: unbindPhoneBody,
    },
    (ctx, { body }) => unbindPhone(deps, ctx.state.candidate!, body.smsCode),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/password',
      summary: '修改密码',
      tag,
      security,
      guards: [signedIn],
      body: changePasswordBody,
    },
    (ctx, { body }) => changePassword(deps, ctx.state.candidate!, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/password/reset/sms-code',
      summary: '忘记密码：获取验证码',
      tag,
      body: resetPasswordCodeBody,
    },
    (ctx, { body }) => sendResetPasswordCode(deps, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/accounts/password/reset',
      summary: '忘记密码：设置新密码',
      tag,
      body: resetPasswordBody,
    },
    (_ctx, { body }) => resetPassword(deps, body),
  );

  return api;
}
