import type { BookingItemState } from '@kaowei/shared';
import { lockRows, type SqlTx } from '../../db/sqlTx';
import type { LedgerItem } from './itemLedger';

/**
 * Locks the booking items of one order, by primary key, and returns those in `states`. A locking read filtered by
 * state may run through the (state, period) index and lock every item of the period in that state: concurrent
 * refunds and releases of different orders then wait on, and deadlock with, each other. An order's items are
 * fixed when it is confirmed, so reading their ids unlocked first is safe.
 */
export async function lockOrderItems(
  tx: SqlTx,
  orderId: number,
  states: readonly BookingItemState[],
): Promise<LedgerItem[]> {
  const ids = await tx.rows<{ id: number }>('SELECT id FROM booking_items WHERE payment_order_id = ?', [orderId]);
  if (ids.length === 0) return [];
  const items = await tx.rows<LedgerItem>(
    `SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE id IN (?) ORDER BY id${lockRows(tx)}`,
    [ids.map((i) => i.id)],
  );
  return items.filter((i) => states.includes(i.state));
}
