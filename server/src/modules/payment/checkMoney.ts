import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';

export interface MoneyDiscrepancy {
  outTradeNo: string;
  problem: string;
}

/**
 * Every fen received, on every number an order had, is matched: a paid order's amount equals fee × its paid seats; a refunded
 * order's refund equals its amount; a refunding one has its refund under way or listed for
 * officials; and no seat is paid without money received.
 */
export async function checkMoney(db: Db): Promise<MoneyDiscrepancy[]> {
  const orders = await db.sequelize.query<{
    out_trade_no: string;
    state: string;
    amount_fen: number;
    transaction_id: string | null;
    fee: number;
    paid_items: number;
    refunded_fen: number | null;
    open_refunds: number;
    exceptions: number;
  }>(
    `SELECT o.out_trade_no, o.state, o.amount_fen, o.transaction_id, p.fee_per_course_fen AS fee,
            (SELECT COUNT(*) FROM booking_items i WHERE i.payment_order_id = o.id AND i.state = 'paid') AS paid_items,
            (SELECT SUM(r.amount_fen) FROM refunds r WHERE r.payment_order_id = o.id AND r.out_trade_no IS NULL AND r.state = 'success') AS refunded_fen,
            (SELECT COUNT(*) FROM refunds r WHERE r.payment_order_id = o.id AND r.out_trade_no IS NULL AND r.state IN ('pending', 'processing')) AS open_refunds,
            (SELECT COUNT(*) FROM payment_exceptions e WHERE e.out_trade_no = o.out_trade_no AND e.resolved_at IS NULL) AS exceptions
       FROM payment_orders o JOIN exam_periods p ON p.id = o.period_id`,
    { type: QueryTypes.SELECT },
  );
  const problems: MoneyDiscrepancy[] = [];
  for (const o of orders) {
    const paidItems = Number(o.paid_items);
    const refunded = Number(o.refunded_fen ?? 0);
    if (!o.transaction_id) {
      if (paidItems > 0)
        problems.push({ outTradeNo: o.out_trade_no, problem: `${paidItems} seats paid without money` });
      continue;
    }
    if (o.state === 'paid' && paidItems * Number(o.fee) !== Number(o.amount_fen)) {
      problems.push({
        outTradeNo: o.out_trade_no,
        problem: `received ${o.amount_fen} fen for ${paidItems} paid seats`,
      });
    } else if (o.state === 'refunded' && refunded !== Number(o.amount_fen)) {
      problems.push({ outTradeNo: o.out_trade_no, problem: `received ${o.amount_fen} fen, refunded ${refunded}` });
    } else if (o.state === 'refunding' && Number(o.open_refunds) === 0 && Number(o.exceptions) === 0) {
      problems.push({ outTradeNo: o.out_trade_no, problem: 'refunding with no refund under way and nothing listed' });
    } else if (o.state === 'created' || o.state === 'closed') {
      problems.push({ outTradeNo: o.out_trade_no, problem: `money received but order ${o.state}` });
    }
  }
  problems.push(...(await retiredNumberMoney(db)));
  return problems;
}

/**
 * Money received on a number an order no longer uses (a second payment: the order was paid on another) goes back
 * whole: refunded, under way, or listed for officials.
 */
async function retiredNumberMoney(db: Db): Promise<MoneyDiscrepancy[]> {
  const rows = await db.sequelize.query<{
    out_trade_no: string;
    paid_fen: number;
    refunded_fen: number | null;
    open_refunds: number;
    exceptions: number;
  }>(
    `SELECT t.out_trade_no, t.paid_fen,
            (SELECT SUM(r.amount_fen) FROM refunds r WHERE r.out_trade_no = t.out_trade_no AND r.state = 'success') AS refunded_fen,
            (SELECT COUNT(*) FROM refunds r WHERE r.out_trade_no = t.out_trade_no AND r.state IN ('pending', 'processing')) AS open_refunds,
            (SELECT COUNT(*) FROM payment_exceptions e WHERE e.out_trade_no = o.out_trade_no AND e.resolved_at IS NULL) AS exceptions
       FROM retired_trade_numbers t JOIN payment_orders o ON o.id = t.payment_order_id
      WHERE t.transaction_id IS NOT NULL`,
    { type: QueryTypes.SELECT },
  );
  return rows
    .filter(
      (t) =>
        Number(t.refunded_fen ?? 0) !== Number(t.paid_fen) &&
        Number(t.open_refunds) === 0 &&
        Number(t.exceptions) === 0,
    )
    .map((t) => ({
      outTradeNo: t.out_trade_no,
      problem: `received ${t.paid_fen} fen on a retired number, refunded ${Number(t.refunded_fen ?? 0)}`,
    }));
}
