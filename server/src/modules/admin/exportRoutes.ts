import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { exportQuery } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { requestInfo } from './adminHttp';
import { startExport } from './exports/runExport';

/** 导出: bookings, payments or seats of a period as XLSX or CSV, streamed, scoped and audited. */
export function exportRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  api.route(
    {
      method: 'get',
      path: '/api/admin/exports/:what.:format',
      summary: '导出报考明细、缴费记录或考位情况（what=bookings|payments|seats，format=xlsx|csv）',
      tag: '管理后台：考务运行',
      security: 'official',
      guards: [officialGuard(deps.db, deps.tokens)],
      query: exportQuery,
    },
    async (ctx, { query }) => {
      const file = await startExport(
        deps,
        ctx.state.official!,
        { what: ctx.params.what ?? '', format: ctx.params.format ?? '', ...query },
        requestInfo(ctx),
      );
      ctx.type = file.contentType;
      ctx.set('Content-Disposition', file.disposition);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Export-Rows', String(file.rows));
      return file.stream;
    },
  );
  return api;
}
