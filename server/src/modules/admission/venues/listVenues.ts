import type { VenueListAnswer } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { countySeats, periodFor, venueViews } from './venueRepository';

/**
 * The venues of the official's districts (or of one county of them) with rooms, seats and the period's
 * closures, and per county its seats against the largest seat quota of the period's units.
 */
export async function listVenues(
  db: Db,
  official: Official,
  query: { countyId?: number; periodId?: number },
): Promise<VenueListAnswer> {
  if (query.countyId) await assertCountyInScope(db, official, query.countyId);
  const counties = query.countyId ? [query.countyId] : await scopedCountyIds(db, official);
  const periodId = await periodFor(db, query.periodId);
  const [venues, seats] = await Promise.all([venueViews(db, counties, periodId), countySeats(db, counties, periodId)]);
  return { periodId, venues, counties: seats };
}
