import { QueryTypes, type Transaction } from 'sequelize';
import { execute } from '../../db/execute';
import { forUpdate, retryOnDeadlock } from '../../db/sql';
import type { Actor } from '../../kernel/actor';
import { sqlTxOf } from '../../db/sqlTx';
import { wechatpayActor } from '../../kernel/actor';
import { refundStates } from '../../metrics/registry';
import { freeSeatsOf } from '../admission/assignment/freeSeats';
import { ItemLedger } from '../ledger/itemLedger';
import { lockOrderItems } from '../ledger/orderItems';
import type { PaymentDeps } from './deps';
import { NotificationRejected } from './notifications';
import { notifyRefund } from '../notifications/eventNotices';
import { listException } from './paymentExceptions';
import { PayApiError, type RefundResource } from './wechatPayClient';

/** Counts a refund entering `state` once the transaction that moved it commits (a rolled-back move never happened). */
export function countRefundOnCommit(transaction: Transaction, state: string): void {
  transaction.afterCommit(() => refundStates.inc({ state }));
}

interface RefundRow {
  id: number;
  out_refund_no: string;
  payment_order_id: number;
  amount_fen: number;
  reason: string;
  state: string;
  /** The retired number whose second payment this refund returns; null for the order's own payment. */
  out_trade_no: string | null;
}

/**
 * Opens the one refund of an order inside the caller's transaction (order row locked by the caller):
 * its out_refund_no is fixed here and reused by every retry, so a double click or a retry never
 * refunds twice. Paid items become refunding; their seats are released only when the refund succeeds.
 */
export async function openRefund(
  deps: PaymentDeps,
  input: { orderId: number; kind: 'candidate' | 'official' | 'late_payment'; reason: string; actor: Actor },
  transaction: Transaction,
): Promise<string> {
  // The order's own refunds; a refund of a second payment on a retired number (out_trade_no set) is another matter.
  const [existing] = await deps.db.sequelize.query<{ out_refund_no: string }>(
    `SELECT out_refund_no FROM refunds WHERE payment_order_id = ? AND out_trade_no IS NULL AND state <> 'closed'`,
    { replacements: [input.orderId], type: QueryTypes.SELECT, transaction },
  );
  if (existing) return existing.out_refund_no;
  const [order] = await deps.db.sequelize.query<{ out_trade_no: string; amount_fen: number }>(
    'SELECT out_trade_no, amount_fen FROM payment_orders WHERE id = ?',
    { replacements: [input.orderId], type: QueryTypes.SELECT, transaction },
  );
  const attempt = await deps.db.sequelize.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM refunds WHERE payment_order_id = ? AND out_trade_no IS NULL',
    {
      replacements: [input.orderId],
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  const outRefundNo = `RF${order!.out_trade_no}${Number(attempt[0]?.n ?? 0) || ''}`.slice(0, 64);
  const now = new Date();
  await deps.db.sequelize.query(
    `INSERT INTO refunds (out_refund_no, payment_order_id, amount_fen, kind, reason, state, requested_by_type, requested_by_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
    {
      replacements: [
        outRefundNo,
        input.orderId,
        order!.amount_fen,
        input.kind,
        input.reason,
        input.actor.type,
        input.actor.id,
        now,
        now,
      ],
      transaction,
    },
  );
  countRefundOnCommit(transaction, 'opened');
  const tx = sqlTxOf(deps.db.sequelize, transaction);
  const paidItems = await lockOrderItems(tx, input.orderId, ['paid']);
  await new ItemLedger(tx, input.actor, now).markRefunding(paidItems, input.reason);
  // A refunded course sits nowhere: its seat (考场编排) is freed with the move out of 'paid'.
  await freeSeatsOf(
    tx,
    paidItems.map((item) => item.id),
  );
  await execute(
    deps.db.sequelize,
    `UPDATE payment_orders SET state = 'refunding', updated_at = ? WHERE id = ?`,
    [now, input.orderId],
    transaction,
  );
  return outRefundNo;
}

/** Asks WeChat Pay to refund (again, with the same out_refund_no); a failure leaves it pending for the retry job. */
export async function sendRefund(deps: PaymentDeps, outRefundNo: string): Promise<string> {
  const [refund] = await deps.db.sequelize.query<RefundRow & { paid_on: string; total: number }>(
    `SELECT r.id, r.reason, r.amount_fen, r.state, COALESCE(r.out_trade_no, o.out_trade_no) AS paid_on, o.amount_fen AS total
       FROM refunds r JOIN payment_orders o ON o.id = r.payment_order_id WHERE r.out_refund_no = ?`,
    { replacements: [outRefundNo], type: QueryTypes.SELECT },
  );
  if (!refund || refund.state === 'success') return refund?.state ?? 'unknown';
  try {
    const answer = await deps.wechatPay.refund({
      outTradeNo: refund.paid_on,
      outRefundNo,
      reason: refund.reason,
      refundFen: refund.amount_fen,
      totalFen: refund.total,
    });
    const status = answer.status ?? answer.refund_status ?? 'PROCESSING';
    if (status === 'SUCCESS' || status === 'ABNORMAL' || status === 'CLOSED') return finishRefund(deps, answer, status);
    await execute(
      deps.db.sequelize,
      `UPDATE refunds SET state = 'processing', wechat_refund_id = ?, updated_at = ? WHERE id = ? AND state = 'pending'`,
      [answer.refund_id, new Date(), refund.id],
    );
    refundStates.inc({ state: 'processing' });
    return 'processing';
  } catch (error) {
    if (!(error instanceof PayApiError)) throw error;
    refundStates.inc({ state: 'send_failed' });
    deps.logger.warn({ err: error, outRefundNo }, 'refund not accepted yet; the retry job will send it again');
    return 'pending';
  }
}

/** WeChat Pay's word on a refund names our refund's order and amount, or it is not about our refund. */
function assertSameRefund(
  report: RefundResource,
  refund: RefundRow,
  order: { out_trade_no: string; amount_fen: number },
) {
  if (report.out_trade_no !== (refund.out_trade_no ?? order.out_trade_no))
    throw new NotificationRejected('refund of another order');
  if (report.amount?.refund !== refund.amount_fen) throw new NotificationRejected('refund amount differs');
  if (report.amount.total !== undefined && report.amount.total !== order.amount_fen)
    throw new NotificationRejected('order amount differs');
}

/**
 * Applies a refund outcome once (notification, query or the refund answer itself), after checking that the
 * report names the refund's order and amount. Success releases the seats; ABNORMAL and CLOSED are listed for
 * officials. 'unknown' when no refund of ours has that out_refund_no.
 */
export async function finishRefund(deps: PaymentDeps, report: RefundResource, status: string): Promise<string> {
  // Notifications, the refund's own answer and the retry job may settle refunds of one period side by side.
  return retryOnDeadlock(() =>
    deps.db.sequelize.transaction(async (transaction) => {
      const [refund] = await deps.db.sequelize.query<RefundRow>(
        `SELECT * FROM refunds WHERE out_refund_no = ?${forUpdate(deps.db.sequelize)}`,
        { replacements: [report.out_refund_no], type: QueryTypes.SELECT, transaction },
      );
      if (!refund) return 'unknown';
      const [order] = await deps.db.sequelize.query<{ out_trade_no: string; amount_fen: number }>(
        'SELECT out_trade_no, amount_fen FROM payment_orders WHERE id = ?',
        { replacements: [refund.payment_order_id], type: QueryTypes.SELECT, transaction },
      );
      assertSameRefund(report, refund, order!);
      if (refund.state === 'success' || refund.state === 'abnormal' || refund.state === 'closed') return refund.state;
      const now = new Date();
      if (status === 'SUCCESS') {
        await settleRefund(
          deps,
          refund,
          { refundId: report.refund_id, actor: wechatpayActor, note: '退费成功，考位已释放', now },
          transaction,
        );
        return 'success';
      }
      const state = status === 'ABNORMAL' ? 'abnormal' : 'closed';
      await execute(
        deps.db.sequelize,
        `UPDATE refunds SET state = ?, updated_at = ? WHERE id = ?`,
        [state, now, refund.id],
        transaction,
      );
      countRefundOnCommit(transaction, state);
      if (state === 'abnormal') await notifyRefund(transaction, refund.id, 'refund_abnormal', now);
      await listException(
        deps.db,
        {
          kind: `refund_${state}`,
          outTradeNo: order!.out_trade_no,
          ourAmountFen: order!.amount_fen,
          theirAmountFen: null,
          details: `退款${state === 'abnormal' ? '异常' : '关闭'}（${refund.out_refund_no}），需人工处理`,
          now,
        },
        transaction,
      );
      return state;
    }),
  );
}

/**
 * The money went back: the refund succeeds, the order is refunded and its seats are released — on WeChat Pay's
 * word, or on an official's after an abnormal refund was paid back another way. Caller holds the refund row lock.
 */
export async function settleRefund(
  deps: PaymentDeps,
  refund: { id: number; payment_order_id: number; out_trade_no: string | null },
  outcome: { refundId?: string; actor: Actor; note: string; now: Date },
  transaction: Transaction,
): Promise<void> {
  const { sequelize } = deps.db;
  const { now } = outcome;
  await execute(
    sequelize,
    `UPDATE refunds SET state = 'success', wechat_refund_id = COALESCE(?, wechat_refund_id), succeeded_at = ?, updated_at = ? WHERE id = ?`,
    [outcome.refundId ?? null, now, now, refund.id],
    transaction,
  );
  countRefundOnCommit(transaction, 'success');
  await notifyRefund(transaction, refund.id, 'refund_succeeded', now);
  // A second payment went back: the order, paid once, keeps its seats.
  if (refund.out_trade_no) return;
  await execute(
    sequelize,
    `UPDATE payment_orders SET state = 'refunded', updated_at = ? WHERE id = ?`,
    [now, refund.payment_order_id],
    transaction,
  );
  const tx = sqlTxOf(sequelize, transaction);
  const items = await lockOrderItems(tx, refund.payment_order_id, ['refunding']);
  await new ItemLedger(tx, outcome.actor, now).markRefunded(items, outcome.note);
}
