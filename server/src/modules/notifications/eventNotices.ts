import { CANDIDATE_APPLICATION_KIND_LABELS, type CandidateApplicationKind } from '@kaowei/shared';
import { asSqlTx, enqueue, type EventTransaction } from './enqueue';

/**
 * The messages of events other modules own, each written in the event's transaction with one call there.
 * What the message needs is read here, under the same transaction, so the caller's change stays one line.
 */

/** 缴费成功: the order's payment was recorded (its items paid). */
export async function notifyPaymentReceived(transaction: EventTransaction, orderId: number, now: Date): Promise<void> {
  const tx = asSqlTx(transaction);
  const [order] = await tx.rows<{ candidate_id: number; out_trade_no: string; amount_fen: number }>(
    'SELECT candidate_id, out_trade_no, amount_fen FROM payment_orders WHERE id = ?',
    [orderId],
  );
  if (!order) return;
  await enqueue(
    tx,
    {
      candidateId: order.candidate_id,
      event: 'payment_received',
      dedupeKey: `payment_received:${orderId}`,
      data: { amountFen: order.amount_fen, outTradeNo: order.out_trade_no, paidAt: now.toISOString() },
    },
    now,
  );
}

/** 退费成功 / 退款异常: a refund reached its outcome. */
export async function notifyRefund(
  transaction: EventTransaction,
  refundId: number,
  event: 'refund_succeeded' | 'refund_abnormal',
  now: Date,
): Promise<void> {
  const tx = asSqlTx(transaction);
  const [refund] = await tx.rows<{ candidate_id: number; out_refund_no: string; amount_fen: number }>(
    `SELECT o.candidate_id, r.out_refund_no, r.amount_fen FROM refunds r JOIN payment_orders o ON o.id = r.payment_order_id
      WHERE r.id = ?`,
    [refundId],
  );
  if (!refund) return;
  await enqueue(
    tx,
    {
      candidateId: refund.candidate_id,
      event,
      dedupeKey: `${event}:${refundId}`,
      data: { amountFen: refund.amount_fen, outRefundNo: refund.out_refund_no },
    },
    now,
  );
}

/** 业务办理审核结果: only a final decision is told (a county forwarding to the province is not). */
export async function notifyApplicationDecided(
  transaction: EventTransaction,
  application: { id: number; candidateId: number; kind: CandidateApplicationKind },
  decision: { outcome: 'approved' | 'rejected' | 'forwarded'; reason: string | null },
  now: Date,
): Promise<void> {
  if (decision.outcome === 'forwarded') return;
  await enqueue(
    transaction,
    {
      candidateId: application.candidateId,
      event: 'application_decided',
      dedupeKey: `application_decided:${application.id}:${now.getTime()}`,
      data: {
        kindName: CANDIDATE_APPLICATION_KIND_LABELS[application.kind],
        approved: decision.outcome === 'approved',
        reason: decision.reason,
      },
    },
    now,
  );
}
