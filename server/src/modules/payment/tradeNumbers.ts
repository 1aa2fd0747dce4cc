import { QueryTypes, type Transaction } from 'sequelize';
import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import { forUpdate, preciseTime } from '../../db/sql';

/**
 * Every out_trade_no an order had besides its current one (payment_orders.out_trade_no). A number is retired when
 * the order is renumbered for another channel, or when a payment lands on an older number while the current one is
 * unpaid (that number becomes the order's again). WeChat Pay may still report money on any of them.
 */
export interface RetiredNumber {
  id: number;
  payment_order_id: number;
  out_trade_no: string;
  transaction_id: string | null;
}

export async function retireNumber(
  db: Db,
  orderId: number,
  outTradeNo: string,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await db.sequelize.query(
    'INSERT INTO retired_trade_numbers (payment_order_id, out_trade_no, created_at, updated_at) VALUES (?, ?, ?, ?)',
    { replacements: [orderId, outTradeNo, now, now], transaction },
  );
}

/** The order a number belongs to, current or retired (an unlocked read: lock the order, then look again). */
export async function orderIdOfNumber(db: Db, outTradeNo: string, transaction?: Transaction): Promise<number | null> {
  const [row] = await db.sequelize.query<{ id: number }>(
    `SELECT id FROM payment_orders WHERE out_trade_no = ?
     UNION ALL SELECT payment_order_id AS id FROM retired_trade_numbers WHERE out_trade_no = ?`,
    { replacements: [outTradeNo, outTradeNo], type: QueryTypes.SELECT, transaction },
  );
  return row ? Number(row.id) : null;
}

/** A retired number of the order, locked; the caller holds the order's row lock. */
export async function lockRetiredNumber(
  db: Db,
  orderId: number,
  outTradeNo: string,
  transaction: Transaction,
): Promise<RetiredNumber | undefined> {
  const [row] = await db.sequelize.query<RetiredNumber>(
    `SELECT id, payment_order_id, out_trade_no, transaction_id FROM retired_trade_numbers
      WHERE out_trade_no = ? AND payment_order_id = ?${forUpdate(db.sequelize)}`,
    { replacements: [outTradeNo, orderId], type: QueryTypes.SELECT, transaction },
  );
  return row;
}

/** Money received on a retired number: recorded on it, and the number cannot be paid again. */
export async function recordRetiredPayment(
  db: Db,
  retired: RetiredNumber,
  payment: { transactionId: string | null; fen: number; now: Date },
  transaction: Transaction,
): Promise<void> {
  await execute(
    db.sequelize,
    'UPDATE retired_trade_numbers SET transaction_id = ?, paid_fen = ?, paid_at = ?, closed_at = ?, updated_at = ? WHERE id = ?',
    [payment.transactionId, payment.fen, payment.now, payment.now, payment.now, retired.id],
    transaction,
  );
}

/**
 * The paid retired number becomes the order's number again (its money is the order's payment, refunds go to it),
 * and the number it replaces is retired in its place, to be closed.
 */
export async function restoreNumber(
  db: Db,
  retired: RetiredNumber,
  current: string,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await execute(
    db.sequelize,
    'UPDATE retired_trade_numbers SET out_trade_no = ?, closed_at = NULL, created_at = ?, updated_at = ? WHERE id = ?',
    [current, now, now, retired.id],
    transaction,
  );
  await execute(
    db.sequelize,
    'UPDATE payment_orders SET out_trade_no = ?, updated_at = ? WHERE id = ?',
    [retired.out_trade_no, now, retired.payment_order_id],
    transaction,
  );
}

/** Retired numbers WeChat Pay has not confirmed closed and no money was seen on, retired before `before`. */
export async function openRetiredNumbers(db: Db, before: Date, limit = 200): Promise<string[]> {
  const rows = await db.sequelize.query<{ out_trade_no: string }>(
    `SELECT out_trade_no FROM retired_trade_numbers
      WHERE closed_at IS NULL AND transaction_id IS NULL AND created_at < ? ORDER BY id LIMIT ?`,
    { replacements: [preciseTime(db.sequelize, before), limit], type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.out_trade_no);
}

export async function markRetiredClosed(db: Db, outTradeNo: string, now: Date): Promise<void> {
  await execute(
    db.sequelize,
    'UPDATE retired_trade_numbers SET closed_at = ?, updated_at = ? WHERE out_trade_no = ? AND closed_at IS NULL',
    [now, now, outTradeNo],
  );
}

/** Whether a WeChat transaction id is already recorded, on any order or number. */
export async function transactionRecorded(db: Db, transactionId: string, transaction: Transaction): Promise<boolean> {
  const [row] = await db.sequelize.query(
    `SELECT id FROM payment_orders WHERE transaction_id = ?
     UNION ALL SELECT id FROM retired_trade_numbers WHERE transaction_id = ?`,
    { replacements: [transactionId, transactionId], type: QueryTypes.SELECT, transaction },
  );
  return row !== undefined;
}
