import { QueryTypes } from 'sequelize';
import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import { forUpdate } from '../../db/sql';
import { AppError } from '../../http/errors';
import type { Official } from '../accounts/models';
import type { RequestInfo } from '../../kernel/audit';
import { writeAudit } from '../../kernel/audit';
import { assertCountyInScope } from '../../kernel/scope';
import { officialActor } from '../../kernel/actor';
import { ItemLedger } from '../ledger/itemLedger';

/**
 * Sets a quota's capacity. A capacity below the seats already taken is refused by the same
 * conditional UPDATE that writes it, so a hold landing meanwhile cannot slip under it. Seats added go to the
 * unit's waitlist first.
 */
export async function setQuotaCapacity(
  db: Db,
  official: Official,
  quotaId: number,
  capacity: number,
  request: RequestInfo,
) {
  return db.sequelize.transaction(async (transaction) => {
    const [quota] = await db.sequelize.query<{
      period_id: number;
      county_id: number;
      unit_id: number;
      capacity: number;
      taken: number;
    }>(
      `SELECT period_id, county_id, unit_id, capacity, taken FROM seat_quotas WHERE id = ?${forUpdate(db.sequelize)}`,
      { replacements: [quotaId], type: QueryTypes.SELECT, transaction },
    );
    if (!quota) throw new AppError('NOT_FOUND', { what: '考位设置' });
    await assertCountyInScope(db, official, quota.county_id);
    const changed = await execute(
      db.sequelize,
      'UPDATE seat_quotas SET capacity = ?, updated_at = ? WHERE id = ? AND taken <= ?',
      [capacity, new Date(), quotaId, capacity],
      transaction,
    );
    if (changed === 0) throw new AppError('CAPACITY_BELOW_TAKEN', { taken: quota.taken });
    // Seats added while candidates wait go to them first (候补), in this transaction.
    const offered = await ItemLedger.in(db.sequelize, transaction, officialActor(official)).offerFreedSeats({
      periodId: quota.period_id,
      countyId: quota.county_id,
      unitId: quota.unit_id,
    });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'quota.set_capacity',
        entityType: 'seat_quota',
        entityId: quotaId,
        before: { capacity: quota.capacity },
        after: { capacity },
        countyId: quota.county_id,
        ...request,
      },
      transaction,
    );
    const taken = Number(quota.taken) + offered;
    return { quotaId, capacity, taken, left: capacity - taken };
  });
}
