import type { BookingItemState } from '@kaowei/shared';
import type { Db } from '../../src/db/models';
import type { BookingItem } from '../../src/modules/booking/models';

/** Which course of which unit, for whom: the columns a booking item names. */
export type PaidCourse = Pick<
  BookingItem,
  'candidateId' | 'ticketId' | 'periodId' | 'countyId' | 'unitId' | 'courseId'
>;

/** A booking item in `state` (paid by default), written directly: the ticket tests need no payment flow. */
export async function insertBookingItem(db: Db, course: PaidCourse, state: BookingItemState = 'paid') {
  const m = db.models;
  const booking =
    (await m.Booking.findOne({ where: { candidateId: course.candidateId, periodId: course.periodId } })) ??
    (await m.Booking.create({
      candidateId: course.candidateId,
      periodId: course.periodId,
      countyId: course.countyId,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: new Date(),
    }));
  return m.BookingItem.create({
    ...course,
    bookingId: booking.id,
    state,
    active: state === 'refunded' || state === 'released' ? null : 1,
    paymentOrderId: null,
    heldAt: new Date(),
    confirmedAt: new Date(),
    paidAt: state === 'held' ? null : new Date(),
    releasedAt: null,
  });
}

/** A venue of the county with one room, and the seat of a booking item in it (as the assignment job leaves it). */
export async function seatItem(
  db: Db,
  item: { id: number; periodId: number; countyId: number; unitId: number; candidateId: number; courseId: number },
  seat: { venueName: string; address: string; roomNo: number; seatNo: number },
) {
  const m = db.models;
  const venue = await m.ExamVenue.create({
    countyId: item.countyId,
    name: seat.venueName,
    address: seat.address,
    contact: null,
  });
  const room = await m.ExamRoom.create({ venueId: venue.id, roomNo: seat.roomNo, seats: 30, note: null });
  await m.SeatAssignment.create({
    bookingItemId: item.id,
    periodId: item.periodId,
    countyId: item.countyId,
    unitId: item.unitId,
    candidateId: item.candidateId,
    courseId: item.courseId,
    venueId: venue.id,
    roomId: room.id,
    seatNo: seat.seatNo,
  });
  return { venueId: venue.id, roomId: room.id };
}

/** Opens the period's print window around now. */
export async function openPrintWindow(db: Db, periodId: number) {
  await db.models.ExamPeriod.update(
    { printOpensAt: new Date(Date.now() - 3600_000), printClosesAt: new Date(Date.now() + 86_400_000) },
    { where: { id: periodId } },
  );
  db.catalog.invalidate();
}
