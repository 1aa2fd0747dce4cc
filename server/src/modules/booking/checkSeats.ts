import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';

export interface SeatDiscrepancy {
  quotaId: number;
  periodId: number;
  countyId: number;
  unitId: number;
  capacity: number;
  taken: number;
  activeItems: number;
}

/**
 * Recounts the items that occupy a seat for every quota, and lists each quota whose `taken`
 * differs from that count or exceeds its capacity. An empty list means no seat was oversold or leaked.
 */
export async function checkSeats(db: Db, periodId?: number): Promise<SeatDiscrepancy[]> {
  const rows = await db.sequelize.query<{
    id: number;
    period_id: number;
    county_id: number;
    unit_id: number;
    capacity: number;
    taken: number;
    active_items: number;
  }>(
    `SELECT q.id, q.period_id, q.county_id, q.unit_id, q.capacity, q.taken,
            (SELECT COUNT(*) FROM booking_items i
              WHERE i.period_id = q.period_id AND i.county_id = q.county_id AND i.unit_id = q.unit_id AND i.active = 1) AS active_items
       FROM seat_quotas q ${periodId ? 'WHERE q.period_id = ?' : ''}`,
    { replacements: periodId ? [periodId] : [], type: QueryTypes.SELECT },
  );
  return rows
    .map((r) => ({
      quotaId: r.id,
      periodId: r.period_id,
      countyId: r.county_id,
      unitId: r.unit_id,
      capacity: Number(r.capacity),
      taken: Number(r.taken),
      activeItems: Number(r.active_items),
    }))
    .filter((r) => r.taken !== r.activeItems || r.taken > r.capacity);
}
