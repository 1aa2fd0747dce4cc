import { AppError } from '../../http/errors';
import { beijingDateString, beijingInstant, formatBeijing } from '../../lib/beijingTime';
import type { ExamPeriod } from '../catalog/models';

/**
 * Rule 1: paying happens inside the payment window, during the daily paying hours (Beijing time).
 * Returns when today's paying ends: the order's time_expire.
 */
export function assertPaymentOpen(period: ExamPeriod, now = new Date()): Date {
  const today = beijingDateString(now);
  const dayStart = beijingInstant(today, period.payDailyStart);
  const dayEnd = beijingInstant(today, period.payDailyEnd);
  const window = `${formatBeijing(period.paymentOpensAt)} 至 ${formatBeijing(period.paymentClosesAt)}，每日${period.payDailyStart}–${period.payDailyEnd}`;
  if (now < period.paymentOpensAt || now >= period.paymentClosesAt || now < dayStart || now >= dayEnd) {
    throw new AppError('PAYMENT_WINDOW_CLOSED', { window });
  }
  return new Date(Math.min(dayEnd.getTime(), period.paymentClosesAt.getTime()));
}
