import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import { forUpdate, preciseTime, retryOnDeadlock } from '../../db/sql';
import { writeAudit } from '../../kernel/audit';
import type { Actor } from '../../kernel/actor';
import { ItemLedger, type LedgerItem } from '../ledger/itemLedger';

export interface ReleaseOptions {
  periodId: number;
  /**
   * Items held before this instant are released; later holds belong to the next booking day. A seat given
   * from the waitlist is kept until its own pay-by time when that is later.
   */
  heldBefore: Date;
  /** Release only seats given from the waitlist whose pay-by time has come by `heldBefore` (the waitlist job). */
  overdueOffersOnly?: boolean;
  actor: Actor;
  /** Limit to these counties (an official's districts); all when absent. */
  countyIds?: number[] | null;
  batchSize?: number;
  reason?: string;
}

/**
 * 释放考位 (rule 10): every held or confirmed-but-unpaid item goes back to the quota, in batches. Each batch
 * first reads the due items without locking, then locks just those rows, by id, with SKIP LOCKED: several
 * releases can run at once (each takes other rows), a crash loses at most a rolled-back batch (run it
 * again), and a second run finds nothing. Locking by id matters: a locking scan also locks the rows it
 * passes over, so a run for an earlier cutoff would hide the rows it does not want from a run beside it.
 * Items whose payment is being recorded are locked by the payment and skipped, never released under it.
 * Items whose order already went to WeChat Pay are left to `closeAndRelease` (query, close, release).
 */
export async function releaseUnpaid(db: Db, options: ReleaseOptions): Promise<{ released: number }> {
  const batchSize = options.batchSize ?? 500;
  const reason = options.reason ?? '当日报考结束未缴费，考位释放';
  const counties = options.countyIds;
  if (counties && counties.length === 0) return { released: 0 };
  const at = preciseTime(db.sequelize, options.heldBefore);
  const due = `state IN ('held', 'confirmed') AND ${
    options.overdueOffersOnly ? 'pay_by <= ?' : 'held_at < ? AND (pay_by IS NULL OR pay_by <= ?)'
  } AND (payment_order_id IS NULL OR payment_order_id IN (SELECT id FROM payment_orders WHERE channel IS NULL))`;
  const dueParams = options.overdueOffersOnly ? [at] : [at, at];
  let released = 0;
  let afterId = 0;
  for (;;) {
    const batch = await retryOnDeadlock(() =>
      db.sequelize.transaction(async (transaction) => {
        const seen = await db.sequelize.query<{ id: number }>(
          `SELECT id FROM booking_items WHERE period_id = ? AND id > ? AND ${due}
              ${counties ? 'AND county_id IN (?)' : ''}
            ORDER BY id LIMIT ?`,
          {
            replacements: [options.periodId, afterId, ...dueParams, ...(counties ? [counties] : []), batchSize],
            type: QueryTypes.SELECT,
            transaction,
          },
        );
        if (seen.length === 0) return { seen: 0, released: 0, lastId: afterId };
        const rows = await db.sequelize.query<LedgerItem>(
          `SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE id IN (?) AND ${due}
            ORDER BY id${forUpdate(db.sequelize, { skipLocked: true })}`,
          { replacements: [seen.map((row) => row.id), ...dueParams], type: QueryTypes.SELECT, transaction },
        );
        const lastId = seen.at(-1)!.id;
        if (rows.length === 0) return { seen: seen.length, released: 0, lastId };
        await ItemLedger.in(db.sequelize, transaction, options.actor).release(rows, reason);
        await writeAudit(
          db,
          options.actor,
          {
            action: 'booking.release',
            entityType: 'exam_period',
            entityId: options.periodId,
            after: { released: rows.length, firstItemId: rows[0]!.id, lastItemId: rows.at(-1)!.id },
            reason,
          },
          transaction,
        );
        return { seen: seen.length, released: rows.length, lastId };
      }),
    );
    released += batch.released;
    afterId = batch.lastId;
    if (batch.seen < batchSize) return { released };
  }
}

/** What a release would free now, per county and unit (the officials' preview). */
export async function previewRelease(db: Db, periodId: number, heldBefore: Date, countyIds?: number[] | null) {
  if (countyIds && countyIds.length === 0) return [];
  const rows = await db.sequelize.query<{ county_id: number; unit_id: number; n: number }>(
    `SELECT county_id, unit_id, COUNT(*) AS n FROM booking_items
      WHERE period_id = ? AND state IN ('held', 'confirmed') AND held_at < ? ${countyIds ? 'AND county_id IN (?)' : ''}
      GROUP BY county_id, unit_id ORDER BY county_id, unit_id`,
    {
      replacements: [periodId, preciseTime(db.sequelize, heldBefore), ...(countyIds ? [countyIds] : [])],
      type: QueryTypes.SELECT,
    },
  );
  return rows.map((r) => ({ countyId: r.county_id, unitId: r.unit_id, items: Number(r.n) }));
}
