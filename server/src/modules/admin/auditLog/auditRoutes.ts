import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { auditListQuery } from '@kaowei/shared';
import { ApiRouter } from '../../../http/apiRouter';
import type { Services } from '../../../services';
import { officialGuard } from '../../accounts/authGuards';
import { listAudit } from './listAudit';

/** GET /api/admin/audit: the audit log, scoped (province: all; others: their own and their counties'). */
export function adminAuditRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  api.route(
    {
      method: 'get',
      path: '/api/admin/audit',
      summary: '操作日志（本辖区）',
      tag: '管理后台：操作日志',
      security: 'official',
      guards: [officialGuard(deps.db, deps.tokens)],
      query: auditListQuery,
    },
    (ctx, { query }) => listAudit(deps.db, ctx.state.official!, query),
  );
  return api;
}
