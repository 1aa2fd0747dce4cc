import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  bookingCheckBody,
  holdCodeBody,
  holdSeatsBody,
  noticeAcknowledgementBody,
  replaceCodeBody,
  replaceCourseBody,
} from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { idParam } from '../../http/idParam';
import { candidateGuard, candidateTokenGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';
import { acknowledgeNotice } from './acknowledgeNotice';
import { checkBooking } from './checkBooking';
import { confirmBooking } from './confirmBooking';
import type { BookingDeps } from './deps';
import { dropItem } from './dropItem';
import { holdSeats } from './holdSeats';
import { myBookings } from './myBookings';
import { replaceCourse } from './replaceCourse';
import { requestHoldCode } from './requestHoldCode';
import { requestReplaceCode } from './requestReplaceCode';
import { ticketOf as ticketOfRequest } from './ticketOf';

const tag = '课程报考';

const itemParam = (ctx: ApiContext) => idParam(ctx, 'itemId', '报考课程');

export function bookingRoutes(deps: BookingDeps, tokens: TokenService, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  // Booking needs a finished first login: phone bound and initial password changed.
  const guards = [candidateGuard(deps.db, tokens, { activeTicket: true })];
  const security = 'candidate' as const;
  const ticketOf = (ctx: ApiContext) => ticketOfRequest(deps.db, ctx);

  api.route(
    {
      method: 'post',
      path: '/api/booking/notice-acknowledgements',
      summary: '阅读并同意报考须知',
      tag,
      security,
      guards,
      body: noticeAcknowledgementBody,
    },
    (ctx, { body }) => acknowledgeNotice(deps.db, ctx.state.candidate!, body.periodId),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/check',
      summary: '检查课程代码：所在考试单元、不能报考的原因、已满的单元',
      tag,
      security,
      guards,
      body: bookingCheckBody,
    },
    async (ctx, { body }) => checkBooking(deps.db, ctx.state.candidate!, await ticketOf(ctx), body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/hold-code',
      summary: '获取保存考位短信验证码（先检查考位）',
      tag,
      security,
      guards,
      body: holdCodeBody,
    },
    async (ctx, { body }) => requestHoldCode(deps, ctx.state.candidate!, await ticketOf(ctx), body, clientIp(ctx)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/holds',
      summary: '保存考位',
      tag,
      security,
      // The account (token version, first-login steps) is checked inside the hold's first round trip.
      guards: [candidateTokenGuard(tokens)],
      body: holdSeatsBody,
    },
    async (ctx, { body }) => holdSeats(deps, { ...ctx.state.candidateClaims!, ticketId: await ticketOf(ctx) }, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/items/:itemId/replace-code',
      summary: '获取更换课程的保存考位短信验证码（先检查可否更换）',
      tag,
      security,
      guards,
      body: replaceCodeBody,
    },
    (ctx, { body }) => requestReplaceCode(deps, ctx.state.candidate!, itemParam(ctx), body, clientIp(ctx)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/items/:itemId/replace',
      summary: '凭短信验证码更换同一考试单元的课程（保留考位）',
      tag,
      security,
      guards,
      body: replaceCourseBody,
    },
    (ctx, { body }) => replaceCourse(deps, ctx.state.candidate!, itemParam(ctx), body),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/booking/items/:itemId',
      summary: '取消已保存的课程（考位退回）',
      tag,
      security,
      guards,
    },
    (ctx) => dropItem(deps.db, ctx.state.candidate!, itemParam(ctx)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/confirm',
      summary: '确认报考（生成缴费订单）',
      tag,
      security,
      guards,
      body: noticeAcknowledgementBody,
    },
    (ctx, { body }) => confirmBooking(deps.db, ctx.state.candidate!, body.periodId),
  );
  api.route({ method: 'get', path: '/api/booking/mine', summary: '我的报考', tag, security, guards }, (ctx) =>
    myBookings(deps.db, ctx.state.candidate!.id),
  );
  return api;
}
