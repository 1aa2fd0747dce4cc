import { QueryTypes } from 'sequelize';
import type { PaymentDeps } from './deps';
import type { BillDifference, BillRefund } from './tradeBill';

/**
 * The bill's successful refunds against ours that succeeded in [dayStart, dayEnd), by out_refund_no. `theirs` is
 * consumed. A refund we recorded on a neighbouring day with the same amount is no difference.
 */
export async function refundDifferences(
  deps: PaymentDeps,
  theirs: Map<string, BillRefund>,
  dayStart: Date,
  dayEnd: Date,
): Promise<BillDifference[]> {
  const { sequelize } = deps.db;
  // An abnormal refund an official settled was paid back outside WeChat Pay: the bill never shows it.
  const ours = await sequelize.query<{ out_refund_no: string; out_trade_no: string; amount_fen: number }>(
    `SELECT r.out_refund_no, COALESCE(r.out_trade_no, o.out_trade_no) AS out_trade_no, r.amount_fen FROM refunds r JOIN payment_orders o ON o.id = r.payment_order_id
      WHERE r.state = 'success' AND r.succeeded_at >= ? AND r.succeeded_at < ?
        AND NOT EXISTS (SELECT 1 FROM payment_exceptions e WHERE e.kind = 'refund_abnormal' AND e.out_trade_no = o.out_trade_no)`,
    { replacements: [dayStart, dayEnd], type: QueryTypes.SELECT },
  );
  const differences: BillDifference[] = [];
  for (const refund of ours) {
    const their = theirs.get(refund.out_refund_no);
    theirs.delete(refund.out_refund_no);
    if (their && their.amountFen === Number(refund.amount_fen)) continue;
    differences.push({
      kind: their ? 'bill_refund_amount_mismatch' : 'bill_refund_missing_there',
      outTradeNo: refund.out_trade_no,
      outRefundNo: refund.out_refund_no,
      ourAmountFen: Number(refund.amount_fen),
      theirAmountFen: their?.amountFen ?? null,
    });
  }
  for (const [outRefundNo, their] of theirs) {
    const [known] = await sequelize.query<{ amount_fen: number }>(
      `SELECT amount_fen FROM refunds WHERE out_refund_no = ? AND state = 'success'`,
      { replacements: [outRefundNo], type: QueryTypes.SELECT },
    );
    if (known && Number(known.amount_fen) === their.amountFen) continue;
    differences.push({
      kind: known ? 'bill_refund_amount_mismatch' : 'bill_refund_missing_here',
      outTradeNo: their.outTradeNo,
      outRefundNo,
      ourAmountFen: known ? Number(known.amount_fen) : null,
      theirAmountFen: their.amountFen,
    });
  }
  return differences;
}
