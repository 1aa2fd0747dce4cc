import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  announcementCreateBody,
  announcementListQuery,
  announcementUpdateBody,
  countyContactBody,
} from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { idParam } from '../../http/idParam';
import type { RequestInfo } from '../../kernel/audit';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { editAnnouncement, withdrawAnnouncement } from './changeAnnouncement';
import { officeContacts, publicContacts, setCountyContact } from './countyContacts';
import { createAnnouncement } from './createAnnouncement';
import { listOfficeAnnouncements } from './officeAnnouncements';
import { listAnnouncements, readAnnouncement } from './readAnnouncements';
import { optionalCandidateGuard } from './readerGuard';

const tag = '通知公告与联系我们';

const requestInfo = (ctx: ApiContext): RequestInfo => ({ ip: clientIp(ctx), requestId: ctx.state.requestId });

/**
 * 通知公告 and 联系我们 (#17): offices publish to the province, a city or a county within their scope and keep
 * their county's contacts; candidates (and visitors, no login needed) read them.
 */
export function announcementRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const reader = { tag, guards: [optionalCandidateGuard(deps.db, deps.tokens)] };
  const office = { tag, security: 'official' as const, guards: [officialGuard(deps.db, deps.tokens)] };
  const id = (ctx: ApiContext) => idParam(ctx, 'id', '通知公告');

  api.route(
    {
      ...reader,
      method: 'get',
      path: '/api/announcements',
      summary: '通知公告列表（已发布；登录考生所在县区的在前，未登录可选县区）',
      query: announcementListQuery,
    },
    (ctx, { query }) => listAnnouncements(deps.db, { candidate: ctx.state.candidate, countyId: query.countyId }),
  );
  api.route(
    {
      ...reader,
      method: 'get',
      path: '/api/announcements/:id',
      summary: '通知公告详情',
      query: announcementListQuery,
    },
    (ctx, { query }) =>
      readAnnouncement(deps.db, { candidate: ctx.state.candidate, countyId: query.countyId }, id(ctx)),
  );
  api.route(
    { ...reader, method: 'get', path: '/api/contacts', summary: '联系我们：各县（市、区）自考办（所在县区的在前）' },
    (ctx) => publicContacts(deps.db, ctx.state.candidate?.countyId ?? null),
  );

  api.route(
    { ...office, method: 'get', path: '/api/admin/announcements', summary: '通知公告（本辖区，含待发布和已撤回）' },
    (ctx) => listOfficeAnnouncements(deps.db, ctx.state.official!),
  );
  api.route(
    {
      ...office,
      method: 'post',
      path: '/api/admin/announcements',
      summary: '发布通知公告（全省 / 市州 / 县区，可定时发布）',
      body: announcementCreateBody,
    },
    (ctx, { body }) => createAnnouncement(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    {
      ...office,
      method: 'put',
      path: '/api/admin/announcements/:id',
      summary: '修改通知公告',
      body: announcementUpdateBody,
    },
    (ctx, { body }) => editAnnouncement(deps.db, ctx.state.official!, id(ctx), body, requestInfo(ctx)),
  );
  api.route(
    { ...office, method: 'post', path: '/api/admin/announcements/:id/withdraw', summary: '撤回通知公告' },
    (ctx) => withdrawAnnouncement(deps.db, ctx.state.official!, id(ctx), requestInfo(ctx)),
  );

  api.route({ ...office, method: 'get', path: '/api/admin/contacts', summary: '联系方式（本辖区各县区）' }, (ctx) =>
    officeContacts(deps.db, ctx.state.official!),
  );
  api.route(
    {
      ...office,
      method: 'put',
      path: '/api/admin/contacts/:countyId',
      summary: '设置县区自考办联系方式',
      body: countyContactBody,
    },
    (ctx, { body }) =>
      setCountyContact(deps.db, ctx.state.official!, idParam(ctx, 'countyId', '县（市、区）'), body, requestInfo(ctx)),
  );

  return api;
}
