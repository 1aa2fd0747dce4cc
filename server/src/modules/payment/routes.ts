import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createPaymentBody, reasonBody, refundRequestBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { AppError } from '../../http/errors';
import { candidateGuard, officialGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';
import { assertCountyInScope } from '../../kernel/scope';
import { officialActor } from '../../kernel/actor';
import { candidateActor } from '../../kernel/actor';
import { createPayment, paymentStatus } from './createPayment';
import type { PaymentDeps } from './deps';
import { handleNotification } from './handleNotification';
import { requestRefund } from './requestRefund';

const tag = '缴费与退费';

export function paymentRoutes(deps: PaymentDeps, tokens: TokenService, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const candidate = [candidateGuard(deps.db, tokens, { activeTicket: true })];
  const official = [officialGuard(deps.db, tokens)];

  api.route(
    {
      method: 'post',
      path: '/api/payments',
      summary: '缴费：扫码（Native）或小程序内（JSAPI）',
      tag,
      security: 'candidate',
      guards: candidate,
      body: createPaymentBody,
    },
    (ctx, { body }) => createPayment(deps, ctx.state.candidate!, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/payments/:outTradeNo',
      summary: '缴费结果（轮询）',
      tag,
      security: 'candidate',
      guards: candidate,
    },
    (ctx: ApiContext) => paymentStatus(deps, ctx.state.candidate!, ctx.params.outTradeNo!),
  );
  api.route(
    {
      method: 'post',
      path: '/api/payments/refunds',
      summary: '申请退费',
      tag,
      security: 'candidate',
      guards: candidate,
      body: refundRequestBody,
    },
    (ctx, { body }) =>
      requestRefund(deps, {
        outTradeNo: body.outTradeNo,
        reason: body.reason,
        actor: candidateActor(ctx.state.candidate!.id),
        candidateId: ctx.state.candidate!.id,
      }),
  );
  api.route(
    {
      method: 'post',
      path: '/api/payments/notify',
      summary: '微信支付通知（验签、解密，只处理一次）',
      tag,
      contentType: 'application/json',
    },
    async (ctx) => {
      const raw = (ctx.request as { rawBody?: string }).rawBody ?? '';
      const answer = await handleNotification(deps, ctx.headers, raw);
      ctx.status = answer.status;
      if (answer.body) ctx.body = answer.body;
      return undefined;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/admin/orders/:outTradeNo/refund',
      summary: '为考生退费（须填写原因）',
      tag,
      security: 'official',
      guards: official,
      body: reasonBody,
    },
    async (ctx, { body }) => {
      const order = await deps.db.models.PaymentOrder.findOne({ where: { outTradeNo: ctx.params.outTradeNo! } });
      if (!order) throw new AppError('NOT_FOUND', { what: '缴费订单' });
      const booking = await deps.db.models.Booking.findByPk(order.bookingId, { rejectOnEmpty: true });
      await assertCountyInScope(deps.db, ctx.state.official!, booking.countyId);
      return requestRefund(deps, {
        outTradeNo: order.outTradeNo,
        reason: body.reason,
        actor: officialActor(ctx.state.official!),
        request: { ip: clientIp(ctx), requestId: ctx.state.requestId },
      });
    },
  );
  return api;
}
