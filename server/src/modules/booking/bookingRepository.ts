import type { BookingItemState } from '@kaowei/shared';
import { findOneFast } from '../../db/findFast';
import type { Db } from '../../db/models';
import type { SqlReader } from '../../db/sqlTx';
import type { Booking } from './models';

export interface ActiveItem {
  id: number;
  state: BookingItemState;
  countyId: number;
  unitId: number;
  courseId: number;
  courseCode: string;
  paymentOrderId: number | null;
}

/** Items that occupy a seat (held, confirmed, paid, refunding) of a candidate in a period. */
export async function activeItems(sql: SqlReader, candidateId: number, periodId: number): Promise<ActiveItem[]> {
  const rows = await sql.rows<{
    id: number;
    state: BookingItemState;
    county_id: number;
    unit_id: number;
    course_id: number;
    code: string;
    payment_order_id: number | null;
  }>(
    `SELECT i.id, i.state, i.county_id, i.unit_id, i.course_id, c.code, i.payment_order_id
       FROM booking_items i JOIN courses c ON c.id = i.course_id
      WHERE i.candidate_id = ? AND i.period_id = ? AND i.active = 1 ORDER BY i.id`,
    [candidateId, periodId],
  );
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    countyId: r.county_id,
    unitId: r.unit_id,
    courseId: r.course_id,
    courseCode: r.code,
    paymentOrderId: r.payment_order_id,
  }));
}

/** The candidate's booking row for a period, created on first use (read first: it usually exists). */
export async function ensureBooking(db: Db, candidateId: number, periodId: number): Promise<Booking> {
  const existing = await findOneFast(db.models.Booking, { candidateId, periodId });
  if (existing) return existing;
  await db.models.Booking.bulkCreate(
    [{ candidateId, periodId, countyId: null, noticeAcknowledgedAt: null, confirmedAt: null }],
    { ignoreDuplicates: true },
  );
  return db.models.Booking.findOne({ where: { candidateId, periodId }, rejectOnEmpty: true });
}
