import type { VenueListAnswer } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { countySeats, periodFor, venueViews } from './venueRepository';

/**
 * The venues of one county of the official's districts (their own, or the one asked for) with rooms, seats
 * and the period's closures, and per county of the districts its seats against the period's largest quota.
 */
export async function listVenues(
  db: Db,
  official: Official,
  query: { countyId?: number; periodId?: number },
): Promise<VenueListAnswer> {
  if (query.countyId) await assertCountyInScope(db, official, query.countyId);
  const counties = query.countyId ? [query.countyId] : await scopedCountyIds(db, official);
  const periodId = await periodFor(db, query.periodId);
  // A province or city office sees the per-county totals of all its counties, and the venues of one county.
  const oneCounty = counties?.length === 1 ? counties[0]! : null;
  const [venues, seats] = await Promise.all([
    oneCounty === null ? [] : venueViews(db, oneCounty, periodId),
    countySeats(db, counties, periodId),
  ]);
  return { periodId, venues, counties: seats };
}
