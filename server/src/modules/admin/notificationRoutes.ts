import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { deliveryListQuery } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { listDeliveries } from '../notifications/listDeliveries';

/** Notifications (#17): the delivery log of messages to candidates in the official's districts. */
export function notificationAdminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  api.route(
    {
      tag: '管理后台：消息通知',
      security: 'official',
      guards: [officialGuard(deps.db, deps.tokens)],
      method: 'get',
      path: '/api/admin/notifications/deliveries',
      summary: '消息发送记录（本辖区考生）',
      query: deliveryListQuery,
    },
    (ctx, { query }) => listDeliveries(deps.db, ctx.state.official!, query),
  );
  return api;
}
