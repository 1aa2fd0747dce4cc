import type { VenueUpdate, VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changes } from '../../../kernel/changes';
import { auditVenueChange } from './venueAudit';
import { lockCountyVenues, venueNameTaken, venueView } from './venueRepository';
import { venueFields, venueInScope } from './venueScope';

/** Renames a venue or changes its address or contact; audited with the fields that changed. */
export async function editVenue(
  db: Db,
  official: Official,
  venueId: number,
  input: VenueUpdate,
  request: RequestInfo,
): Promise<VenueView> {
  await db.sequelize.transaction(async (transaction) => {
    const locked = await venueInScope(db, official, venueId, transaction);
    await lockCountyVenues(db, locked.county_id, transaction);
    if (await venueNameTaken(db, locked.county_id, input.name, venueId, transaction)) {
      throw new AppError('VENUE_NAME_TAKEN', { name: input.name });
    }
    const venue = (await db.models.ExamVenue.findByPk(venueId, { transaction }))!;
    const diff = changes(venueFields(venue), venueFields(input));
    if (Object.keys(diff.after).length === 0) return;
    await venue.update(venueFields(input), { transaction });
    await auditVenueChange(
      db,
      official,
      { action: 'venue.update', entityType: 'exam_venue', entityId: venueId, countyId: locked.county_id, ...diff },
      request,
      transaction,
    );
  });
  return (await venueView(db, venueId))!;
}
