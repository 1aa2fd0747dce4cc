import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { smsOptOutBody, subscriptionReportBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { candidateGuard } from '../accounts/authGuards';
import { notificationSettings, reportSubscriptions, setSmsOptOut } from './candidatePreferences';
import type { NotificationsDeps } from './notificationsDeps';

const tag = '消息通知';

/** Notifications (#17): what the mini-program subscribes to, and the candidate's SMS opt-out. */
export function notificationRoutes(deps: NotificationsDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const base = { tag, security: 'candidate' as const, guards: [candidateGuard(deps.db, deps.tokens)] };
  const me = (ctx: ApiContext) => ctx.state.candidate!.id;

  api.route(
    { ...base, method: 'get', path: '/api/notifications/settings', summary: '订阅消息模板和短信通知设置' },
    (ctx) => notificationSettings(deps, me(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/notifications/subscriptions',
      summary: '报告 wx.requestSubscribeMessage 的结果（每个同意的模板计一次一次性订阅）',
      body: subscriptionReportBody,
    },
    (ctx, { body }) => reportSubscriptions(deps, me(ctx), body),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/notifications/sms-opt-out',
      summary: '退订或恢复短信通知',
      body: smsOptOutBody,
    },
    (ctx, { body }) => setSmsOptOut(deps, me(ctx), body.optOut),
  );
  return api;
}
