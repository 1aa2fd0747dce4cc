import type { BookingItemState } from '@kaowei/shared';
import { findOneFast } from '../../db/findFast';
import type { Db } from '../../db/models';
import { lockRows, type SqlReader, type SqlTx } from '../../db/sqlTx';
import type { LedgerItem } from '../ledger/itemLedger';
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

export interface LockedBooking {
  id: number;
  county_id: number | null;
  notice_acknowledged_at: Date | string | null;
}

/**
 * The candidate's booking row for a period, locked: holding, confirming and a late payment's retake take this
 * lock first, so they never race each other for one booking.
 */
export async function lockBooking(tx: SqlTx, candidateId: number, periodId: number): Promise<LockedBooking | null> {
  const [row] = await tx.rows<LockedBooking>(
    `SELECT id, county_id, notice_acknowledged_at FROM bookings WHERE candidate_id = ? AND period_id = ?${lockRows(tx)}`,
    [candidateId, periodId],
  );
  return row ?? null;
}

/** Rule 3: the county the booking's courses are sat in. */
export function setBookingCounty(tx: SqlTx, bookingId: number, countyId: number, now: Date) {
  return tx.run('UPDATE bookings SET county_id = ?, updated_at = ? WHERE id = ?', [countyId, now, bookingId]);
}

/** Rule 9: confirmed, its payment order made. */
export function markBookingConfirmed(tx: SqlTx, bookingId: number, now: Date) {
  return tx.run('UPDATE bookings SET confirmed_at = ?, updated_at = ? WHERE id = ?', [now, now, bookingId]);
}

/** The booking's items that occupy a seat, locked, as the ledger moves them (confirming). */
export function lockActiveItems(tx: SqlTx, bookingId: number): Promise<LedgerItem[]> {
  return tx.rows<LedgerItem>(
    `SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE booking_id = ? AND active = 1${lockRows(tx)}`,
    [bookingId],
  );
}
