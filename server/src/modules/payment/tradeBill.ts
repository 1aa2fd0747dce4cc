import { parse } from 'csv-parse/sync';

/** A difference between the trade bill and our records; refund kinds name the refund too. */
export interface BillDifference {
  kind:
    | 'bill_missing_here'
    | 'bill_missing_there'
    | 'bill_amount_mismatch'
    | 'bill_refund_missing_here'
    | 'bill_refund_missing_there'
    | 'bill_refund_amount_mismatch';
  outTradeNo: string;
  outRefundNo?: string;
  ourAmountFen: number | null;
  theirAmountFen: number | null;
}

export interface BillRefund {
  outTradeNo: string;
  amountFen: number;
}

interface TradeBill {
  /** Successful payments by out_trade_no, in fen. */
  payments: Map<string, number>;
  /** Successful refunds by out_refund_no. */
  refunds: Map<string, BillRefund>;
}

/**
 * WeChat Pay's trade bill (bill_type ALL): one CSV row per payment (交易状态 SUCCESS) or refund (交易状态 REFUND,
 * 退款状态 SUCCESS once paid back). Amounts are in yuan and every field is prefixed with a backquote.
 */
export function parseTradeBill(csv: string): TradeBill {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Array<
    Record<string, string>
  >;
  const bill: TradeBill = { payments: new Map(), refunds: new Map() };
  for (const row of rows) {
    const field = (name: string) => (row[name] ?? '').replace(/^`/, '');
    const fen = (name: string) => Math.round(Number(field(name)) * 100);
    const state = field('交易状态');
    if (state === 'SUCCESS') bill.payments.set(field('商户订单号'), fen('订单金额'));
    else if (state === 'REFUND' && field('退款状态') === 'SUCCESS')
      bill.refunds.set(field('商户退款单号'), { outTradeNo: field('商户订单号'), amountFen: fen('退款金额') });
  }
  return bill;
}
