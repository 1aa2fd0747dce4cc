import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { deliveryListQuery, eventSettingsBody } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { listEventSettings, updateEventSettings } from '../notifications/eventSettings';
import { listDeliveries } from '../notifications/listDeliveries';
import { provinceOnly, requestInfo } from './adminHttp';

/** Notifications (#17): the delivery log of messages to candidates in the official's districts, 通知设置. */
export function notificationAdminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const official = officialGuard(deps.db, deps.tokens);
  const base = { tag: '管理后台：消息通知', security: 'official' as const };
  api.route(
    {
      ...base,
      guards: [official],
      method: 'get',
      path: '/api/admin/notifications/deliveries',
      summary: '消息发送记录（本辖区考生）',
      query: deliveryListQuery,
    },
    (ctx, { query }) => listDeliveries(deps.db, ctx.state.official!, query),
  );
  api.route(
    {
      ...base,
      guards: [official],
      method: 'get',
      path: '/api/admin/notifications/event-settings',
      summary: '通知设置：各事件是否在订阅消息之外也发短信',
    },
    () => listEventSettings(deps.db),
  );
  api.route(
    {
      ...base,
      guards: [official, provinceOnly],
      method: 'put',
      path: '/api/admin/notifications/event-settings',
      summary: '修改通知设置（仅省考办）',
      body: eventSettingsBody,
    },
    (ctx, { body }) => updateEventSettings(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );
  return api;
}
