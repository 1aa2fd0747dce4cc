import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { scoreStatsQuery } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { requestInfo } from './adminHttp';
import { exportScoreStats } from '../records/scoreStats/exportScoreStats';
import { viewScoreStats } from '../records/scoreStats/viewScoreStats';

/** 成绩统计 (#15): per period and course within the official's counties, and its XLSX export. */
export function scoreStatsRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const base = {
    tag: '管理后台：成绩统计',
    security: 'official' as const,
    guards: [officialGuard(deps.db, deps.tokens)],
    query: scoreStatsQuery,
  };
  api.route(
    { ...base, method: 'get', path: '/api/admin/score-stats', summary: '成绩统计（市县考办须在成绩发布后查看）' },
    (ctx, { query }) => viewScoreStats(deps.db, ctx.state.official!, query),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/score-stats.xlsx',
      summary: '导出成绩统计与成绩明细（Excel，证件号码脱敏）',
    },
    async (ctx, { query }) => {
      const file = await exportScoreStats(deps.db, ctx.state.official!, query, requestInfo(ctx));
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.set('Content-Disposition', file.disposition);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Export-Rows', String(file.rows));
      return file.body;
    },
  );
  return api;
}
