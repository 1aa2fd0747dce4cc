import { cityCreateBody, countyCreateBody, regionRenameBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import type { AppState } from '../../../http/types';
import type { Services } from '../../../services';
import { provinceOnly, requestInfo } from '../adminHttp';
import { createCity, createCounty, listRegions, renameRegion } from './regions';

const tag = '管理后台：考区';

export function addRegionRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const };
  const province = { ...base, guards: [official, provinceOnly] };

  api.route(
    {
      ...base,
      guards: [official],
      method: 'get',
      path: '/api/admin/regions',
      summary: '市（州）和县（市、区）（本辖区）',
    },
    (ctx) => listRegions(deps.db, ctx.state.official!),
  );

  api.route(
    { ...province, method: 'post', path: '/api/admin/cities', summary: '新增市（州）', body: cityCreateBody },
    (ctx, { body }) => createCity(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );

  api.route(
    { ...province, method: 'put', path: '/api/admin/cities/:id', summary: '修改市（州）名称', body: regionRenameBody },
    (ctx, { body }) =>
      renameRegion(deps.db, ctx.state.official!, 'city', idParam(ctx, 'id', '市（州）'), body.name, requestInfo(ctx)),
  );

  api.route(
    { ...province, method: 'post', path: '/api/admin/counties', summary: '新增县（市、区）', body: countyCreateBody },
    (ctx, { body }) => createCounty(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );

  api.route(
    {
      ...province,
      method: 'put',
      path: '/api/admin/counties/:id',
      summary: '修改县（市、区）名称',
      body: regionRenameBody,
    },
    (ctx, { body }) =>
      renameRegion(
        deps.db,
        ctx.state.official!,
        'county',
        idParam(ctx, 'id', '县（市、区）'),
        body.name,
        requestInfo(ctx),
      ),
  );
}
