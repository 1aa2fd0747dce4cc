import type { BookingItemState } from '@kaowei/shared';
import { frozenBy } from '../booking/bookingFreeze';
import type { FirstInLine, StandingItem } from './waitlistRepository';

/** Minutes a seat given from the waitlist stays held for the candidate to confirm and pay. */
export const OFFER_PAY_MINUTES = 120;

/**
 * Why the first in line can no longer take the seat (booking rules 3, 4, 9, 11 as holding checks them), or
 * null. Such an entry is closed and the seat goes on to the next.
 */
export function offerRefusal(entry: FirstInLine, countyId: number, unitId: number, items: StandingItem[]) {
  if (items.some((i) => i.county_id !== countyId)) return '已在其他县（市、区）保存考位';
  if (frozenBy(items.map((i) => i.state as BookingItemState))) return '报考已确认或已缴费，不能再增加课程';
  if (items.some((i) => i.unit_id === unitId)) return '已在该考试单元保存考位';
  if (items.length >= entry.max_courses) return '已达到本次考试报考门数上限';
  return null;
}
