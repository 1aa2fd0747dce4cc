import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { findPeriod } from '../catalog/catalogRepository';
import type { ExamPeriod } from '../catalog/models';
import { assertBookingOpen } from './bookingWindow';
import { ensureBooking } from './bookingRepository';
import type { Booking } from './models';

/** The period of a booking action, open for booking, with the candidate's booking row. */
export async function openPeriodAndBooking(
  db: Db,
  candidateId: number,
  periodId: number,
  now = new Date(),
): Promise<{ period: ExamPeriod; booking: Booking }> {
  const period = await findPeriod(db, periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  assertBookingOpen(period, now);
  return { period, booking: await ensureBooking(db, candidateId, periodId) };
}

/** Rule 2: the booking notice comes first. */
export function assertNoticeAcknowledged(booking: Booking): void {
  if (!booking.noticeAcknowledgedAt) throw new AppError('NOTICE_NOT_ACKNOWLEDGED');
}
