import { HALF_DAY_LABELS, type HalfDay, type SeatRow, type SeatTotals } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { ExamPeriod } from '../../catalog/models';
import { Conditions, select } from '../../../kernel/sqlParts';
import { sqlOf } from '../../../db/sqlTx';
import { lineLengths } from '../../waitlist/waitlistRepository';

/**
 * 考位实时情况: one row per (county, unit) quota of the period within `counties` (null: all), by city,
 * county and exam time, with the waitlist (候补) length beside the seats. Read live from the database (no cache): officials are few.
 */
export async function liveSeats(db: Db, period: ExamPeriod, counties: number[] | null, now = new Date()) {
  const quotaWhere = new Conditions().add('q.period_id = ?', period.id).counties('q.county_id', counties);
  // Items occupying a seat (held, confirmed, paid or refunding), as booking/checkSeats counts them.
  const itemWhere = new Conditions()
    .add('i.period_id = ?', period.id)
    .add('i.active = 1')
    .counties('i.county_id', counties);
  const [quotas, items, lines] = await Promise.all([
    select<{
      county_id: number;
      county_name: string;
      city_name: string;
      unit_id: number;
      unit_code: string;
      exam_date: string;
      half_day: HalfDay;
      capacity: number;
      taken: number;
    }>(
      db,
      `SELECT q.county_id, co.name AS county_name, ci.name AS city_name, q.unit_id, u.code AS unit_code,
              u.exam_date, u.half_day, q.capacity, q.taken
         FROM seat_quotas q
         JOIN counties co ON co.id = q.county_id
         JOIN cities ci ON ci.id = co.city_id
         JOIN exam_units u ON u.id = q.unit_id
        WHERE ${quotaWhere.sql}
        ORDER BY ci.code, co.code, u.exam_date, u.start_time, u.code`,
      quotaWhere.replacements,
    ),
    select<{ county_id: number; unit_id: number; held: number | string; paid: number | string }>(
      db,
      `SELECT i.county_id, i.unit_id,
              SUM(CASE WHEN i.state IN ('held', 'confirmed') THEN 1 ELSE 0 END) AS held,
              SUM(CASE WHEN i.state IN ('paid', 'refunding') THEN 1 ELSE 0 END) AS paid
         FROM booking_items i WHERE ${itemWhere.sql}
        GROUP BY i.county_id, i.unit_id`,
      itemWhere.replacements,
    ),
    lineLengths(sqlOf(db.sequelize), period.id),
  ]);
  const key = (countyId: number, unitId: number) => `${countyId}:${unitId}`;
  const countedBy = new Map(items.map((i) => [key(Number(i.county_id), Number(i.unit_id)), i]));
  const waitingBy = new Map(lines.map((l) => [key(Number(l.county_id), Number(l.unit_id)), Number(l.n)]));
  const rows: SeatRow[] = quotas.map((q) => {
    const counted = countedBy.get(key(Number(q.county_id), Number(q.unit_id)));
    return {
      countyId: q.county_id,
      countyName: q.county_name,
      cityName: q.city_name,
      unitId: q.unit_id,
      unitCode: q.unit_code,
      examDate: q.exam_date,
      halfDay: q.half_day,
      halfDayLabel: HALF_DAY_LABELS[q.half_day] ?? q.half_day,
      capacity: Number(q.capacity),
      held: Number(counted?.held ?? 0),
      paid: Number(counted?.paid ?? 0),
      left: Number(q.capacity) - Number(q.taken),
      waiting: waitingBy.get(key(Number(q.county_id), Number(q.unit_id))) ?? 0,
    };
  });
  const totals: SeatTotals = { capacity: 0, held: 0, paid: 0, left: 0, waiting: 0 };
  for (const row of rows) {
    totals.capacity += row.capacity;
    totals.held += row.held;
    totals.paid += row.paid;
    totals.left += row.left;
    totals.waiting += row.waiting;
  }
  return {
    periodId: period.id,
    refreshedAt: now.toISOString(),
    bookingOpen: now >= period.bookingOpensAt && now < period.bookingClosesAt,
    rows,
    totals,
  };
}
