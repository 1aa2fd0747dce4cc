import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { noticeListQuery, noticePreviewBody, noticeSendBody } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { listNotices } from '../notifications/listNotices';
import { previewNotice } from '../notifications/previewNotice';
import { sendNotice } from '../notifications/sendNotice';
import { requestInfo } from './adminHttp';

const tag = '管理后台：消息通知';

/** 群发通知 (#17): an office tells the candidates of its districts (by period, county, unit, course). */
export function noticeAdminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const base = { tag, security: 'official' as const, guards: [officialGuard(deps.db, deps.tokens)] };
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/notices/preview',
      summary: '群发通知预览：符合条件的本辖区考生人数和通知内容',
      body: noticePreviewBody,
    },
    (ctx, { body }) => previewNotice(deps.db, ctx.state.official!, body),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/notices',
      summary: '发送群发通知（须填原因，按限速经消息队列发送，记入审计日志）',
      body: noticeSendBody,
    },
    (ctx, { body }) => sendNotice(deps, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/notices',
      summary: '群发记录：本级发出的通知及发送、失败、待发送数量',
      query: noticeListQuery,
    },
    (ctx, { query }) => listNotices(deps.db, ctx.state.official!, query),
  );
  return api;
}
