import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  bookingListQuery,
  candidateEditBody,
  candidateSearchQuery,
  holdsPerMinuteQuery,
  pageQuery,
  paymentListQuery,
  reasonBody,
  refundListQuery,
  resetCandidatePasswordBody,
  ticketStatusBody,
} from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { requestInfo } from './adminHttp';
import { candidateDetail } from './candidates/candidateDetail';
import { changeTicketStatus } from './candidates/changeTicketStatus';
import { resetCandidatePassword } from './candidates/resetCandidatePassword';
import { searchCandidates } from './candidates/searchCandidates';
import { editCandidate } from './candidates/editCandidate';
import { recentPhoneBindings } from './candidates/recentPhoneBindings';
import { undoPhoneBinding } from './candidates/undoPhoneBinding';
import { bookingDetail } from './orders/bookingDetail';
import { listBookings } from './orders/listBookings';
import { listPayments } from './orders/listPayments';
import { listRefunds } from './orders/listRefunds';
import { findPeriodOr404 } from './periods/periods';
import { scopedCountyIds } from '../../kernel/scope';
import { holdsPerMinute } from './seats/holdsPerMinute';
import { liveSeats } from './seats/liveSeats';
import { candidateAdmissionTickets } from './candidates/candidateAdmissionTickets';
import { reissueTicket } from './candidates/reissueTicket';

const tag = '管理后台：考务运行';

/** Officials' operations screens: live seats, candidates, bookings, payments and refunds (all scoped). */
export function operationsRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens)];
  const security = 'official' as const;

  const periodOf = (ctx: ApiContext) => findPeriodOr404(deps.db, idParam(ctx, 'id', '考次'));
  const counties = (ctx: ApiContext) => scopedCountyIds(deps.db, ctx.state.official!);

  api.route(
    {
      method: 'get',
      path: '/api/admin/periods/:id/seats',
      summary: '考位实时情况（按县区、考试单元）',
      tag,
      security,
      guards,
    },
    async (ctx) => liveSeats(deps.db, await periodOf(ctx), await counties(ctx)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/periods/:id/holds-per-minute',
      summary: '每分钟保存考位数（最近N分钟）',
      tag,
      security,
      guards,
      query: holdsPerMinuteQuery,
    },
    async (ctx, { query }) => holdsPerMinute(deps.db, (await periodOf(ctx)).id, await counties(ctx), query.minutes),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/candidates',
      summary: '考生查询（准考证号、证件号码或姓名）',
      tag,
      security,
      guards,
      query: candidateSearchQuery,
    },
    (ctx, { query }) => searchCandidates(deps, ctx.state.official!, query),
  );

  api.route({ method: 'get', path: '/api/admin/candidates/:id', summary: '考生详情', tag, security, guards }, (ctx) =>
    candidateDetail(deps.db, ctx.state.official!, idParam(ctx, 'id', '考生')),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/candidates/:id/reset-password',
      summary: '重置考生密码（恢复为证件号码后6位，须修改；可更正或清除在籍登记手机）',
      tag,
      security,
      guards,
      body: resetCandidatePasswordBody,
    },
    (ctx, { body }) =>
      resetCandidatePassword(deps, ctx.state.official!, idParam(ctx, 'id', '考生'), body, requestInfo(ctx)),
  );

  api.route(
    {
      method: 'put',
      path: '/api/admin/tickets/:id/status',
      summary: '变更准考证状态（有效、已毕业、已转出、已注销），须填写原因',
      tag,
      security,
      guards,
      body: ticketStatusBody,
    },
    (ctx, { body }) =>
      changeTicketStatus(deps.db, ctx.state.official!, idParam(ctx, 'id', '准考证'), body, requestInfo(ctx)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/bookings',
      summary: '报考记录',
      tag,
      security,
      guards,
      query: bookingListQuery,
    },
    (ctx, { query }) => listBookings(deps, ctx.state.official!, query),
  );

  api.route({ method: 'get', path: '/api/admin/bookings/:id', summary: '报考详情', tag, security, guards }, (ctx) =>
    bookingDetail(deps.db, ctx.state.official!, idParam(ctx, 'id', '报考记录')),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/payments',
      summary: '缴费记录',
      tag,
      security,
      guards,
      query: paymentListQuery,
    },
    (ctx, { query }) => listPayments(deps, ctx.state.official!, query),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/refunds',
      summary: '退费记录（含逾期缴费自动退费）',
      tag,
      security,
      guards,
      query: refundListQuery,
    },
    (ctx, { query }) => listRefunds(deps.db, ctx.state.official!, query),
  );

  // ---- Enrolled candidates (issue #13): details edits, recent phone bindings ----
  api.route(
    {
      method: 'put',
      path: '/api/admin/candidates/:id',
      summary: '修改考生信息（姓名、性别、民族、证件类型、学历；证件号码仅省考试院），须填写原因',
      tag,
      security,
      guards,
      body: candidateEditBody,
    },
    (ctx, { body }) => editCandidate(deps, ctx.state.official!, idParam(ctx, 'id', '考生'), body, requestInfo(ctx)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/phone-bindings',
      summary: '近期绑定手机（本辖区，最近N天，手机号脱敏）',
      tag,
      security,
      guards,
      query: pageQuery,
    },
    (ctx, { query }) => recentPhoneBindings(deps.db, ctx.state.official!, query, deps.config.phoneBindingReviewDays),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/candidates/:id/undo-phone-binding',
      summary: '撤销近期绑定的手机（恢复初始密码、解除微信，考生须重新绑定），须填写原因',
      tag,
      security,
      guards,
      body: reasonBody,
    },
    (ctx, { body }) =>
      undoPhoneBinding(
        deps,
        ctx.state.official!,
        idParam(ctx, 'id', '考生'),
        { reason: body.reason, days: deps.config.phoneBindingReviewDays },
        requestInfo(ctx),
      ),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/candidates/:id/admission-tickets',
      summary: '考生各考次的准考证（已缴费课程数、补发次数）',
      tag,
      security,
      guards,
    },
    (ctx) => candidateAdmissionTickets(deps.db, ctx.state.official!, idParam(ctx, 'id', '考生')),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/candidates/:id/admission-tickets/:periodId/reissue',
      summary: '补发准考证：此前打印的准考证二维码作废，考生重新下载，须填写原因',
      tag,
      security,
      guards,
      body: reasonBody,
    },
    (ctx, { body }) =>
      reissueTicket(
        deps.db,
        ctx.state.official!,
        { candidateId: idParam(ctx, 'id', '考生'), periodId: idParam(ctx, 'periodId', '准考证'), reason: body.reason },
        requestInfo(ctx),
      ),
  );

  return api;
}
