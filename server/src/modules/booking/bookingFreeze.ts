import { errorMessage, type BookingChanges, type BookingFreezeCode, type BookingItemState } from '@kaowei/shared';
import { AppError } from '../../http/errors';

/** Paid seats: to change them the candidate asks for a refund first (rule 11, seed 004 三.(2)). */
export const isPaidState = (state: BookingItemState): boolean => state === 'paid' || state === 'refunding';

/**
 * Why a booking whose active items are in these states takes no added, replaced or dropped course:
 * something paid (refund first) or confirmed (pay first, rule 9); null while only held seats exist.
 */
export function frozenBy(states: readonly BookingItemState[]): BookingFreezeCode | null {
  if (states.some(isPaidState)) return 'BOOKING_PAID_REFUND_FIRST';
  if (states.includes('confirmed')) return 'BOOKING_AWAITING_PAYMENT';
  return null;
}

export function assertChangeable(states: readonly BookingItemState[]): void {
  const code = frozenBy(states);
  if (code) throw new AppError(code);
}

/** What the 报考 page may offer, answered with the booking so no screen recomputes the rule. */
export function bookingChanges(states: readonly BookingItemState[]): BookingChanges {
  const code = frozenBy(states);
  return code ? { allowed: false, code, message: errorMessage(code) } : { allowed: true };
}
