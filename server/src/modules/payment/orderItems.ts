import { QueryTypes, type Transaction } from 'sequelize';
import { forUpdate } from '../../db/sql';
import type { Db } from '../../db/models';
import type { ItemToRelease } from '../booking/releaseItems';

export interface OrderItem extends ItemToRelease {
  candidate_id: number;
}

/**
 * Locks the booking items of one order, by primary key, and returns those in `states`. A locking read filtered by
 * state may run through the (state, period) index and lock every item of the period in that state: concurrent
 * refunds and releases of different orders then wait on, and deadlock with, each other. An order's items are
 * fixed when it is confirmed, so reading their ids unlocked first is safe.
 */
export async function lockOrderItems(
  db: Db,
  orderId: number,
  states: readonly string[],
  transaction: Transaction,
): Promise<OrderItem[]> {
  const { sequelize } = db;
  const ids = await sequelize.query<{ id: number }>('SELECT id FROM booking_items WHERE payment_order_id = ?', {
    replacements: [orderId],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (ids.length === 0) return [];
  const items = await sequelize.query<OrderItem>(
    `SELECT id, state, candidate_id, period_id, county_id, unit_id FROM booking_items WHERE id IN (?) ORDER BY id${forUpdate(sequelize)}`,
    { replacements: [ids.map((i) => i.id)], type: QueryTypes.SELECT, transaction },
  );
  return items.filter((i) => states.includes(i.state));
}
