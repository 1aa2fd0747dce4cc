import { periodInputBody, unitInputBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiContext, ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import type { AppState } from '../../../http/types';
import type { Services } from '../../../services';
import { provinceOnly, requestInfo } from '../adminHttp';
import { createUnit, deleteUnit, listUnits, updateUnit } from '../units/units';
import { findPeriodOr404, listPeriods, periodView, savePeriod } from './periods';

const tag = '管理后台：考次';

/** Periods and their exam units: every official reads them, the provincial office changes them. */
export function addPeriodRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const };
  const anyone = { ...base, guards: [official] };
  const province = { ...base, guards: [official, provinceOnly] };
  const periodId = (ctx: ApiContext) => idParam(ctx, 'id', '考次');
  const unitId = (ctx: ApiContext) => idParam(ctx, 'id', '考试单元');

  api.route({ ...anyone, method: 'get', path: '/api/admin/periods', summary: '考次列表' }, () => listPeriods(deps.db));

  api.route({ ...anyone, method: 'get', path: '/api/admin/periods/:id', summary: '考次设置' }, async (ctx) =>
    periodView(await findPeriodOr404(deps.db, periodId(ctx))),
  );

  api.route(
    { ...province, method: 'post', path: '/api/admin/periods', summary: '新增考次', body: periodInputBody },
    (ctx, { body }) => savePeriod(deps.db, ctx.state.official!, null, body, requestInfo(ctx)),
  );

  api.route(
    { ...province, method: 'put', path: '/api/admin/periods/:id', summary: '修改考次设置', body: periodInputBody },
    (ctx, { body }) => savePeriod(deps.db, ctx.state.official!, periodId(ctx), body, requestInfo(ctx)),
  );

  api.route({ ...anyone, method: 'get', path: '/api/admin/periods/:id/units', summary: '考试单元列表' }, async (ctx) =>
    listUnits(deps.db, (await findPeriodOr404(deps.db, periodId(ctx))).id),
  );

  api.route(
    { ...province, method: 'post', path: '/api/admin/periods/:id/units', summary: '新增考试单元', body: unitInputBody },
    async (ctx, { body }) => {
      const period = await findPeriodOr404(deps.db, periodId(ctx));
      return createUnit(deps.db, ctx.state.official!, period.id, body, requestInfo(ctx));
    },
  );

  api.route(
    { ...province, method: 'put', path: '/api/admin/units/:id', summary: '修改考试单元', body: unitInputBody },
    (ctx, { body }) => updateUnit(deps.db, ctx.state.official!, unitId(ctx), body, requestInfo(ctx)),
  );

  api.route(
    { ...province, method: 'delete', path: '/api/admin/units/:id', summary: '删除考试单元（无开考课程和报考记录时）' },
    async (ctx) => {
      await deleteUnit(deps.db, ctx.state.official!, unitId(ctx), requestInfo(ctx));
      return { ok: true };
    },
  );
}
