import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { execute } from '../../db/execute';
import { forUpdate, retryOnDeadlock } from '../../db/sql';
import { sqlTxOf } from '../../db/sqlTx';
import { wechatpayActor } from '../../kernel/actor';
import { paymentsRecorded } from '../../metrics/registry';
import { ItemLedger } from '../ledger/itemLedger';
import { lockOrderItems } from '../ledger/orderItems';
import type { PaymentDeps } from './deps';
import { refundSecondPayment } from './chargedTwice';
import { closeRetiredNumber } from './closeWechatOrder';
import { NotificationRejected } from './notifications';
import { notifyPaymentReceived } from '../notifications/eventNotices';
import { listException } from './paymentExceptions';
import { openRefund, sendRefund } from './refunds';
import { lockRetiredNumber, orderIdOfNumber, restoreNumber, transactionRecorded } from './tradeNumbers';
import type { TransactionResource } from './wechatPayClient';

export interface OrderRow {
  id: number;
  out_trade_no: string;
  amount_fen: number;
  state: string;
  transaction_id: string | null;
}

export type PaymentOutcome = 'paid' | 'duplicate' | 'late_retaken' | 'late_refunding' | 'charged_twice';

/** The order behind a reported number, locked, with the retired number the money landed on (if not the current one). */
async function lockPaidOrder(deps: PaymentDeps, outTradeNo: string, transaction: Transaction) {
  const orderId = await orderIdOfNumber(deps.db, outTradeNo, transaction);
  if (orderId === null) throw new NotificationRejected('unknown out_trade_no');
  const [order] = await deps.db.sequelize.query<OrderRow>(
    `SELECT id, out_trade_no, amount_fen, state, transaction_id FROM payment_orders WHERE id = ?${forUpdate(deps.db.sequelize)}`,
    { replacements: [orderId], type: QueryTypes.SELECT, transaction },
  );
  if (order!.out_trade_no === outTradeNo) return { order: order!, retired: undefined };
  // Numbers only move between an order's current and retired ones under its row lock, held now.
  const retired = await lockRetiredNumber(deps.db, order!.id, outTradeNo, transaction);
  if (!retired) throw new NotificationRejected('unknown out_trade_no');
  return { order: order!, retired };
}

/**
 * Records a successful payment exactly once, whatever the number, order or source (notification or
 * query) of the reports: the order row is locked, checked against WeChat's report (merchant, app,
 * amount), and only a still-unpaid order changes. Confirmed items become paid; for items released
 * meanwhile the seats are taken back if free, otherwise the money goes back automatically.
 * A payment on a number the order no longer uses (renumbered for another channel) counts the same way; if the
 * order was paid already, the candidate was charged twice and that money goes back automatically.
 */
export async function recordPayment(
  deps: PaymentDeps,
  report: TransactionResource,
  now = new Date(),
): Promise<PaymentOutcome> {
  const config = deps.wechatPay.config;
  if (report.trade_state !== 'SUCCESS') throw new NotificationRejected(`trade_state ${report.trade_state}`);
  if (report.mchid !== config.mchid || report.appid !== config.appId)
    throw new NotificationRejected('another merchant or app');
  let autoRefund: string | null = null;
  let toClose: string | null = null;
  const outcome = await retryOnDeadlock(() => {
    autoRefund = null;
    toClose = null;
    return deps.db.sequelize.transaction(async (transaction): Promise<PaymentOutcome> => {
      const { order, retired } = await lockPaidOrder(deps, report.out_trade_no, transaction);
      if (report.amount?.total !== order.amount_fen) throw new NotificationRejected('amount differs from the order');
      if (retired ? retired.transaction_id : order.transaction_id) return 'duplicate';
      if (report.transaction_id && (await transactionRecorded(deps.db, report.transaction_id, transaction)))
        throw new NotificationRejected('transaction_id already used by another order');
      if (retired && order.transaction_id) {
        autoRefund = await refundSecondPayment(deps, { order, retired, report, now }, transaction);
        return 'charged_twice';
      }
      if (retired) {
        // The order's money is on that number: it becomes the order's again, and the unpaid one is closed.
        await restoreNumber(deps.db, retired, order.out_trade_no, now, transaction);
        if (order.state === 'created') toClose = order.out_trade_no;
        order.out_trade_no = retired.out_trade_no;
      }
      const settled = await settleOrder(deps, order, report, now, transaction);
      autoRefund = settled.autoRefund;
      return settled.result;
    });
  }).catch((error: unknown) => {
    // Another order recorded the same transaction id in the meantime.
    if (error instanceof UniqueConstraintError)
      throw new NotificationRejected('transaction_id already used by another order');
    throw error;
  });
  paymentsRecorded.inc({ outcome });
  if (autoRefund) await sendRefund(deps, autoRefund);
  if (toClose) await closeRetiredNumber(deps, toClose, now);
  return outcome;
}

/** The order's payment: its items paid, or re-taken or refunded if released meanwhile (rule 12). */
async function settleOrder(
  deps: PaymentDeps,
  order: OrderRow,
  report: TransactionResource,
  now: Date,
  transaction: Transaction,
): Promise<{ result: PaymentOutcome; autoRefund: string | null }> {
  const tx = sqlTxOf(deps.db.sequelize, transaction);
  const ledger = new ItemLedger(tx, wechatpayActor, now);
  const items = await lockOrderItems(tx, order.id, ['confirmed', 'released']);
  const released = items.filter((i) => i.state === 'released');
  let result: PaymentOutcome = 'paid';
  if (released.length > 0) result = (await ledger.retake(released)) ? 'late_retaken' : 'late_refunding';
  // Without its released seats the order is refunded whole; its confirmed items are paid until the refund moves them on.
  await ledger.markPaid(items.filter((i) => i.state === 'confirmed'));
  await execute(
    deps.db.sequelize,
    `UPDATE payment_orders SET state = ?, transaction_id = ?, payer_total_fen = ?, paid_at = ?, updated_at = ? WHERE id = ?`,
    [
      result === 'late_refunding' ? 'refunding' : 'paid',
      report.transaction_id ?? null,
      report.amount?.payer_total ?? null,
      now,
      now,
      order.id,
    ],
    transaction,
  );
  if (result !== 'late_refunding') {
    await notifyPaymentReceived(transaction, order.id, now);
    return { result, autoRefund: null };
  }
  // Money without seats never stays: refund it whole, and tell the officials.
  const autoRefund = await openRefund(
    deps,
    { orderId: order.id, kind: 'late_payment', reason: '缴费时考位已释放且已满，自动退费', actor: wechatpayActor },
    transaction,
  );
  await listException(
    deps.db,
    {
      kind: 'late_payment_refund',
      outTradeNo: order.out_trade_no,
      ourAmountFen: order.amount_fen,
      theirAmountFen: report.amount?.total ?? null,
      details: '逾期缴费，考位已满，已自动全额退费',
      now,
    },
    transaction,
  );
  return { result, autoRefund };
}
