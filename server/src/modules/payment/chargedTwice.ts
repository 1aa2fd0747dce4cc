import type { Transaction } from 'sequelize';
import { wechatpayActor } from '../../kernel/actor';
import type { PaymentDeps } from './deps';
import { listException } from './paymentExceptions';
import { countRefundOnCommit } from './refunds';
import type { OrderRow } from './recordPayment';
import { recordRetiredPayment, type RetiredNumber } from './tradeNumbers';
import type { TransactionResource } from './wechatPayClient';

/**
 * The order was paid already, and money also landed on one of its retired numbers: the candidate was charged
 * twice. That money is recorded on its number and refunded whole, from that number, and listed for officials.
 * Returns the refund's out_refund_no, to send once the caller commits.
 */
export async function refundSecondPayment(
  deps: PaymentDeps,
  input: { order: OrderRow; retired: RetiredNumber; report: TransactionResource; now: Date },
  transaction: Transaction,
): Promise<string> {
  const { order, retired, report, now } = input;
  const fen = report.amount!.total!;
  await recordRetiredPayment(deps.db, retired, { transactionId: report.transaction_id ?? null, fen, now }, transaction);
  const outRefundNo = `RF${retired.out_trade_no}`;
  await deps.db.sequelize.query(
    `INSERT INTO refunds (out_refund_no, payment_order_id, out_trade_no, amount_fen, kind, reason, state, requested_by_type, requested_by_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'duplicate', ?, 'pending', ?, ?, ?, ?)`,
    {
      replacements: [
        outRefundNo,
        order.id,
        retired.out_trade_no,
        fen,
        '同一订单重复缴费，自动全额退费',
        wechatpayActor.type,
        wechatpayActor.id,
        now,
        now,
      ],
      transaction,
    },
  );
  countRefundOnCommit(transaction, 'opened');
  await listException(
    deps.db,
    {
      kind: 'duplicate_payment_refund',
      outTradeNo: order.out_trade_no,
      ourAmountFen: order.amount_fen,
      theirAmountFen: fen,
      details: `同一订单重复缴费（订单号${retired.out_trade_no}），已自动全额退费`,
      now,
    },
    transaction,
  );
  return outRefundNo;
}
