import { quotaCellBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiContext, ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import type { AppState } from '../../../http/types';
import type { Services } from '../../../services';
import { requestInfo } from '../adminHttp';
import { findPeriodOr404 } from '../periods/periods';
import { quotaGrid, setQuotaCell } from './quotaGrid';

const tag = '管理后台：考位设置';

/** The (county × unit) seat grid of a period, scoped per county. */
export function addQuotaGridRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const, guards: [official] };
  const period = (ctx: ApiContext) => findPeriodOr404(deps.db, idParam(ctx, 'id', '考次'));

  api.route(
    { ...base, method: 'get', path: '/api/admin/periods/:id/quotas', summary: '考位设置表（本辖区县×考试单元）' },
    async (ctx) => quotaGrid(deps.db, ctx.state.official!, (await period(ctx)).id),
  );

  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/admin/periods/:id/quotas',
      summary: '设置某县某考试单元的考位数（不能小于已占用数）',
      body: quotaCellBody,
    },
    async (ctx, { body }) => setQuotaCell(deps.db, ctx.state.official!, (await period(ctx)).id, body, requestInfo(ctx)),
  );
}
