import { parse } from 'csv-parse/sync';
import { QueryTypes } from 'sequelize';
import { beijingInstant } from '../../lib/beijingTime';
import type { PaymentDeps } from './deps';

export interface BillDifference {
  kind: 'bill_missing_here' | 'bill_missing_there' | 'bill_amount_mismatch';
  outTradeNo: string;
  ourAmountFen: number | null;
  theirAmountFen: number | null;
}

/** Successful payments of the bill, by out_trade_no, in fen (the bill is in yuan, fields prefixed with `). */
function billPayments(csv: string): Map<string, number> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Array<
    Record<string, string>
  >;
  const payments = new Map<string, number>();
  for (const row of rows) {
    const field = (name: string) => (row[name] ?? '').replace(/^`/, '');
    if (field('交易状态') !== 'SUCCESS') continue;
    payments.set(field('商户订单号'), Math.round(Number(field('订单金额')) * 100));
  }
  return payments;
}

/**
 * 对账: the previous day's trade bill against our records. Every difference is listed for officials
 * as a payment exception of that bill date; running it again for the same date lists nothing twice.
 */
export async function reconcile(deps: PaymentDeps, billDate: string): Promise<BillDifference[]> {
  const theirs = billPayments(await deps.wechatPay.tradeBill(billDate));
  const dayStart = beijingInstant(billDate);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const ours = await deps.db.sequelize.query<{ out_trade_no: string; amount_fen: number }>(
    'SELECT out_trade_no, amount_fen FROM payment_orders WHERE transaction_id IS NOT NULL AND paid_at >= ? AND paid_at < ?',
    { replacements: [dayStart, dayEnd], type: QueryTypes.SELECT },
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
  const details: Record<BillDifference['kind'], string> = {
    bill_missing_here: '微信支付账单有此笔收款，本系统无缴费记录',
    bill_missing_there: '本系统记为已缴费，微信支付账单无此笔收款',
    bill_amount_mismatch: '金额不一致',
  };
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
          replacements: [d.kind, d.outTradeNo, billDate, d.ourAmountFen, d.theirAmountFen, details[d.kind], now, now],
          transaction,
        },
      );
    }
  });
  return differences;
}
