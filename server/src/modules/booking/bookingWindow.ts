import { AppError } from '../../http/errors';
import { formatBeijing } from '../../lib/beijingTime';
import type { ExamPeriod } from '../catalog/models';

/** Booking actions happen only inside the period's booking window; the server's clock decides. */
export function assertBookingOpen(period: ExamPeriod, now = new Date()): void {
  if (now < period.bookingOpensAt || now >= period.bookingClosesAt) {
    throw new AppError('BOOKING_WINDOW_CLOSED', {
      opensAt: formatBeijing(period.bookingOpensAt),
      closesAt: formatBeijing(period.bookingClosesAt),
    });
  }
}
