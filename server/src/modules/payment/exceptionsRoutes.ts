import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { calendarDateSchema, reasonBody } from '@kaowei/shared';
import { z } from 'zod';
import { ApiRouter } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { idParam } from '../../http/idParam';
import { AppError } from '../../http/errors';
import { officialGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';
import type { PaymentDeps } from './deps';
import { listPaymentExceptions } from './listExceptions';
import { reconcile } from './reconcile';
import { resolvePaymentException } from './resolveException';

const tag = '缴费与退费';
const reconcileBody = z.object({ billDate: calendarDateSchema('对账日期') });

/** Money officials must look at: late-payment refunds, abnormal or closed refunds, bill differences. */
export function paymentExceptionRoutes(deps: PaymentDeps, tokens: TokenService, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, tokens)];

  api.route(
    {
      method: 'get',
      path: '/api/admin/payment-exceptions',
      summary: '待处理的资金异常（逾期缴费退费、退款异常、对账差异）',
      tag,
      security: 'official',
      guards,
    },
    (ctx) => listPaymentExceptions(deps, ctx.state.official!),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/payment-exceptions/:id/resolve',
      summary: '标记资金异常已处理（须填写处理说明）',
      tag,
      security: 'official',
      guards,
      body: reasonBody,
    },
    (ctx, { body }) =>
      resolvePaymentException(deps, ctx.state.official!, {
        id: idParam(ctx, 'id', '异常记录'),
        reason: body.reason,
        ip: clientIp(ctx),
        requestId: ctx.state.requestId,
      }),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/reconciliations',
      summary: '按日期对账（省考试院）',
      tag,
      security: 'official',
      guards,
      body: reconcileBody,
    },
    async (ctx, { body }) => {
      if (ctx.state.official!.role !== 'province') throw new AppError('FORBIDDEN');
      return { billDate: body.billDate, differences: await reconcile(deps, body.billDate) };
    },
  );
  return api;
}
