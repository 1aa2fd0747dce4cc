import { QueryTypes } from 'sequelize';
import { beijingInstant } from '../../lib/beijingTime';
import type { PaymentDeps } from './deps';
import { refundDifferences } from './reconcileRefunds';
import { parseTradeBill, type BillDifference } from './tradeBill';

const DETAILS: Record<BillDifference['kind'], (outRefundNo?: string) => string> = {
  bill_missing_here: () => '微信支付账单有此笔收款，本系统无缴费记录',
  bill_missing_there: () => '本系统记为已缴费，微信支付账单无此笔收款',
  bill_amount_mismatch: () => '金额不一致',
  bill_refund_missing_here: (no) => `微信支付账单有此笔退款（${no}），本系统无退款成功记录`,
  bill_refund_missing_there: (no) => `本系统记为已退款（${no}），微信支付账单无此笔退款`,
  bill_refund_amount_mismatch: (no) => `退款金额不一致（${no}）`,
};

/**
 * 对账: the previous day's trade bill against our records. Every difference is listed for officials
 * as a payment exception of that bill date — payments by out_trade_no, refunds by out_refund_no; running it again
 * for the same date lists nothing twice.
 */
export async function reconcile(deps: PaymentDeps, billDate: string): Promise<BillDifference[]> {
  const bill = parseTradeBill(await deps.wechatPay.tradeBill(billDate));
  const theirs = bill.payments;
  const dayStart = beijingInstant(billDate);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  // Money on a retired number (a second payment) is in the bill under that number.
  const ours = await deps.db.sequelize.query<{ out_trade_no: string; amount_fen: number }>(
    `SELECT out_trade_no, amount_fen FROM payment_orders WHERE transaction_id IS NOT NULL AND paid_at >= ? AND paid_at < ?
     UNION ALL SELECT out_trade_no, paid_fen AS amount_fen FROM retired_trade_numbers
      WHERE transaction_id IS NOT NULL AND paid_at >= ? AND paid_at < ?`,
    { replacements: [dayStart, dayEnd, dayStart, dayEnd], type: QueryTypes.SELECT },
  );
  const differences: BillDifference[] = [];
  for (const order of ours) {
    const theirAmount = theirs.get(order.out_trade_no);
    if (theirAmount === undefined) {
      differences.push({
        kind: 'bill_missing_there',
        outTradeNo: order.out_trade_no,
        ourAmountFen: order.amount_fen,
        theirAmountFen: null,
      });
    } else if (theirAmount !== Number(order.amount_fen)) {
      differences.push({
        kind: 'bill_amount_mismatch',
        outTradeNo: order.out_trade_no,
        ourAmountFen: order.amount_fen,
        theirAmountFen: theirAmount,
      });
    }
    theirs.delete(order.out_trade_no);
  }
  for (const [outTradeNo, amount] of theirs) {
    const known = await deps.db.models.PaymentOrder.findOne({ where: { outTradeNo } });
    differences.push({
      kind: known?.transactionId ? 'bill_amount_mismatch' : 'bill_missing_here',
      outTradeNo,
      ourAmountFen: known?.transactionId ? known.amountFen : null,
      theirAmountFen: amount,
    });
  }
  differences.push(...(await refundDifferences(deps, bill.refunds, dayStart, dayEnd)));
  await deps.db.sequelize.transaction(async (transaction) => {
    await deps.db.sequelize.query(
      `DELETE FROM payment_exceptions WHERE bill_date = ? AND kind LIKE 'bill_%' AND resolved_at IS NULL`,
      {
        replacements: [billDate],
        transaction,
      },
    );
    const now = new Date();
    for (const d of differences) {
      await deps.db.sequelize.query(
        `INSERT INTO payment_exceptions (kind, out_trade_no, bill_date, our_amount_fen, their_amount_fen, details, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        {
          replacements: [
            d.kind,
            d.outTradeNo,
            billDate,
            d.ourAmountFen,
            d.theirAmountFen,
            DETAILS[d.kind](d.outRefundNo),
            now,
            now,
          ],
          transaction,
        },
      );
    }
  });
  return differences;
}
