import { ACTIVE_BOOKING_ITEM_STATES, type BookingItemState } from '@kaowei/shared';
import { ApiError } from '../services/request';
import { session } from '../services/session';
import { bookingApi, type City, type CurrentPeriod, type MyPeriod, type UnitCourses } from './bookingApi';
import { offeredByCode, type OfferedCourse } from './courseSlots';

export type BookingPageData =
  | { kind: 'signed-out' }
  | { kind: 'no-period' }
  | { kind: 'closed'; period: CurrentPeriod }
  | {
      kind: 'open';
      period: CurrentPeriod;
      cities: City[];
      units: UnitCourses[];
      offered: Map<string, OfferedCourse>;
      /** The candidate's items and orders in this period (empty when nothing was booked yet). */
      mine: MyPeriod | null;
    };

const ACTIVE = new Set<BookingItemState>(ACTIVE_BOOKING_ITEM_STATES);

export function activeItems(mine: MyPeriod | null) {
  return (mine?.items ?? []).filter((item) => ACTIVE.has(item.state));
}

/** Everything the 报考 page shows: the current period, where to sit, what is offered, what is already booked. */
export async function loadBookingPage(): Promise<BookingPageData> {
  if (!session.get()) return { kind: 'signed-out' };
  let period: CurrentPeriod;
  try {
    period = await bookingApi.currentPeriod(true);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NO_OPEN_PERIOD') return { kind: 'no-period' };
    throw error;
  }
  if (!period.bookingOpen) return { kind: 'closed', period };
  const [cities, units, periods] = await Promise.all([
    bookingApi.cities(),
    bookingApi.courses(period.periodId),
    bookingApi.mine(),
  ]);
  const offered = offeredByCode(
    units.flatMap((unit) => unit.courses.map((c) => ({ code: c.code, name: c.name, unitId: unit.unitId }))),
  );
  return {
    kind: 'open',
    period,
    cities,
    units,
    offered,
    mine: periods.find((p) => p.periodId === period.periodId) ?? null,
  };
}

/** The county the candidate's active seats are in, found by name in the city list. */
export function bookedCountyId(cities: City[], mine: MyPeriod | null): number | null {
  const item = activeItems(mine)[0];
  if (!item) return null;
  for (const city of cities) {
    const county = city.counties.find((c) => c.name === item.countyName);
    if (county) return county.countyId;
  }
  return null;
}
