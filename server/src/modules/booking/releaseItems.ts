import type { BookingItemState } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import type { Actor } from '../../kernel/actor';
import { recordEvents } from './bookingRepository';

export interface ItemToRelease {
  id: number;
  state: BookingItemState;
  period_id: number;
  county_id: number;
  unit_id: number;
}

/**
 * Releases items the caller has locked: each leaves its unit (active = NULL) and gives its seat back,
 * one UPDATE per quota. Used by drop, the end-of-day release and successful refunds (to 'refunded').
 */
export async function releaseLockedItems(
  db: Db,
  items: ItemToRelease[],
  actor: Actor,
  reason: string,
  transaction: Transaction,
  options: { to?: 'released' | 'refunded'; now?: Date } = {},
): Promise<void> {
  if (items.length === 0) return;
  const to = options.to ?? 'released';
  const now = options.now ?? new Date();
  await execute(
    db.sequelize,
    `UPDATE booking_items SET state = ?, active = NULL, released_at = ?, updated_at = ? WHERE id IN (?)`,
    [to, now, now, items.map((i) => i.id)],
    transaction,
  );
  const perQuota = new Map<string, { periodId: number; countyId: number; unitId: number; count: number }>();
  for (const item of items) {
    const key = `${item.period_id}:${item.county_id}:${item.unit_id}`;
    const entry = perQuota.get(key) ?? {
      periodId: item.period_id,
      countyId: item.county_id,
      unitId: item.unit_id,
      count: 0,
    };
    entry.count += 1;
    perQuota.set(key, entry);
  }
  // Quotas in a fixed order, so concurrent releases lock them in the same order.
  for (const q of [...perQuota.values()].sort((a, b) => a.countyId - b.countyId || a.unitId - b.unitId)) {
    await execute(
      db.sequelize,
      'UPDATE seat_quotas SET taken = taken - ?, updated_at = ? WHERE period_id = ? AND county_id = ? AND unit_id = ?',
      [q.count, now, q.periodId, q.countyId, q.unitId],
      transaction,
    );
  }
  await recordEvents(
    db,
    actor,
    items.map((i) => ({ itemId: i.id, from: i.state, to, reason })),
    transaction,
  );
}
