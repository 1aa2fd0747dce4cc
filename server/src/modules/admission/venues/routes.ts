import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  roomInputBody,
  venueClosureBody,
  venueImportQuery,
  venueInputBody,
  venueListQuery,
  venueUpdateBody,
} from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../../http/apiRouter';
import { clientIp } from '../../../http/clientIp';
import { contentDisposition } from '../../../http/contentDisposition';
import { AppError } from '../../../http/errors';
import { idParam } from '../../../http/idParam';
import { sheetUpload } from '../../../http/sheetUpload';
import type { RequestInfo } from '../../../kernel/audit';
import { readSheet } from '../../../lib/readSheet';
import type { Services } from '../../../services';
import { officialGuard } from '../../accounts/authGuards';
import { addRoom } from './addRoom';
import { setVenueClosure } from './closeVenue';
import { createVenue } from './createVenue';
import { deleteRoom } from './deleteRoom';
import { deleteVenue } from './deleteVenue';
import { editRoom } from './editRoom';
import { editVenue } from './editVenue';
import { importVenueSheet } from './importVenues';
import { listVenues } from './listVenues';
import { venueTemplate } from './venueTemplate';

const tag = '管理后台：考点考场';

const request = (ctx: ApiContext): RequestInfo => ({ ip: clientIp(ctx), requestId: ctx.state.requestId });
const venueId = (ctx: ApiContext) => idParam(ctx, 'id', '考点');
const roomIds = (ctx: ApiContext) => ({ venueId: venueId(ctx), roomId: idParam(ctx, 'roomId', '考场') });
const closureIds = (ctx: ApiContext) => ({ venueId: venueId(ctx), unitId: idParam(ctx, 'unitId', '考试单元') });

/**
 * 考点考场: county offices keep their venues and rooms; a city office its counties', the province all.
 * Every change is checked against the specific venue's county and audited.
 */
export function venueRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const official = officialGuard(deps.db, deps.tokens);
  const base = { tag, security: 'official' as const, guards: [official] };

  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/venues',
      summary: '考点考场列表（本辖区；含座位数与考位数对比）',
      query: venueListQuery,
    },
    (ctx, { query }) => listVenues(deps.db, ctx.state.official!, query),
  );

  api.route(
    { ...base, method: 'get', path: '/api/admin/venues/import-template', summary: '考点考场导入模板' },
    async (ctx) => {
      const file = await venueTemplate();
      ctx.type = file.contentType;
      ctx.set('Content-Disposition', contentDisposition(file.ascii, file.chinese));
      return file.bytes;
    },
  );

  api.route(
    {
      ...base,
      guards: [official, sheetUpload()],
      method: 'post',
      path: '/api/admin/venues/import',
      summary: '导入考点考场（每行一个考场；dryRun=1 只检查）',
      contentType: 'multipart/form-data',
      query: venueImportQuery,
    },
    async (ctx, { query }) => {
      const file = ctx.request.file;
      if (!file) throw new AppError('IMPORT_FILE_INVALID', { reason: '请选择要导入的文件' });
      return importVenueSheet(deps.db, ctx.state.official!, await readSheet(file), {
        dryRun: query.dryRun === '1',
        fileName: file.originalname,
        request: request(ctx),
      });
    },
  );

  api.route(
    { ...base, method: 'post', path: '/api/admin/venues', summary: '新增考点', body: venueInputBody },
    (ctx, { body }) => createVenue(deps.db, ctx.state.official!, body, request(ctx)),
  );

  api.route(
    { ...base, method: 'put', path: '/api/admin/venues/:id', summary: '修改考点', body: venueUpdateBody },
    (ctx, { body }) => editVenue(deps.db, ctx.state.official!, venueId(ctx), body, request(ctx)),
  );

  api.route(
    { ...base, method: 'delete', path: '/api/admin/venues/:id', summary: '删除考点（已编排座位的不能删除）' },
    (ctx) => deleteVenue(deps.db, ctx.state.official!, venueId(ctx), request(ctx)),
  );

  api.route(
    { ...base, method: 'post', path: '/api/admin/venues/:id/rooms', summary: '新增考场', body: roomInputBody },
    (ctx, { body }) => addRoom(deps.db, ctx.state.official!, venueId(ctx), body, request(ctx)),
  );

  api.route(
    { ...base, method: 'put', path: '/api/admin/venues/:id/rooms/:roomId', summary: '修改考场', body: roomInputBody },
    (ctx, { body }) => editRoom(deps.db, ctx.state.official!, roomIds(ctx), body, request(ctx)),
  );

  api.route(
    {
      ...base,
      method: 'delete',
      path: '/api/admin/venues/:id/rooms/:roomId',
      summary: '删除考场（已编排座位的不能删除）',
    },
    (ctx) => deleteRoom(deps.db, ctx.state.official!, roomIds(ctx), request(ctx)),
  );

  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/venues/:id/closures',
      summary: '考点在某考试单元停用',
      body: venueClosureBody,
    },
    (ctx, { body }) =>
      setVenueClosure(deps.db, ctx.state.official!, { venueId: venueId(ctx), unitId: body.unitId }, true, request(ctx)),
  );

  api.route(
    { ...base, method: 'delete', path: '/api/admin/venues/:id/closures/:unitId', summary: '取消考点停用' },
    (ctx) => setVenueClosure(deps.db, ctx.state.official!, closureIds(ctx), false, request(ctx)),
  );

  return api;
}
