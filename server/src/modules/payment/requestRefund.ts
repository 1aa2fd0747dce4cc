import { QueryTypes } from 'sequelize';
import { forUpdate, retryOnDeadlock } from '../../db/sql';
import { AppError } from '../../http/errors';
import { formatBeijing } from '../../lib/beijingTime';
import { writeAudit } from '../../kernel/audit';
import type { Actor } from '../../kernel/actor';
import type { PaymentDeps } from './deps';
import { openRefund, sendRefund } from './refunds';

/**
 * 退费 (rule 11): a paid order is refunded whole, by the candidate while the period allows it, or by
 * an official with a reason (audited). Asking twice gives the same refund.
 */
export async function requestRefund(
  deps: PaymentDeps,
  input: {
    outTradeNo: string;
    reason: string;
    actor: Actor;
    candidateId?: number;
    request?: { ip: string; requestId: string };
  },
  now = new Date(),
) {
  const order = await deps.db.models.PaymentOrder.findOne({
    where: { outTradeNo: input.outTradeNo, ...(input.candidateId ? { candidateId: input.candidateId } : {}) },
  });
  if (!order) throw new AppError('NOT_FOUND', { what: '缴费订单' });
  if (input.actor.type === 'candidate') {
    const period = await deps.db.models.ExamPeriod.findByPk(order.periodId, { rejectOnEmpty: true });
    if (!period.refundAllowed) throw new AppError('REFUND_NOT_ALLOWED', { reason: '本次考试不办理退费' });
    if (period.refundDeadline && now >= period.refundDeadline) {
      throw new AppError('REFUND_NOT_ALLOWED', { reason: `退费已于${formatBeijing(period.refundDeadline)}截止` });
    }
  }
  const outRefundNo = await retryOnDeadlock(() =>
    deps.db.sequelize.transaction(async (transaction) => {
      const [locked] = await deps.db.sequelize.query<{ state: string }>(
        `SELECT state FROM payment_orders WHERE id = ?${forUpdate(deps.db.sequelize)}`,
        { replacements: [order.id], type: QueryTypes.SELECT, transaction },
      );
      if (locked!.state !== 'paid' && locked!.state !== 'refunding') {
        throw new AppError('REFUND_NOT_ALLOWED', {
          reason: locked!.state === 'refunded' ? '该订单已退费' : '该订单未缴费',
        });
      }
      const refundNo = await openRefund(
        deps,
        {
          orderId: order.id,
          kind: input.actor.type === 'official' ? 'official' : 'candidate',
          reason: input.reason,
          actor: input.actor,
        },
        transaction,
      );
      if (input.actor.type === 'official') {
        await writeAudit(
          deps.db,
          input.actor,
          {
            action: 'payment.refund',
            entityType: 'payment_order',
            entityId: order.id,
            after: { outRefundNo: refundNo },
            reason: input.reason,
            ...input.request,
          },
          transaction,
        );
      }
      return refundNo;
    }),
  );
  const state = await sendRefund(deps, outRefundNo);
  return { outTradeNo: order.outTradeNo, outRefundNo, state: state === 'success' ? 'refunded' : 'refunding' };
}
