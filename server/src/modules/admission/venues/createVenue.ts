import type { VenueInput, VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { lockCountyVenues, venueNameTaken, venueView } from './venueRepository';
import { venueFields } from './venueScope';

/** A new 考点 in one of the official's counties; its name is unique within the county. */
export async function createVenue(
  db: Db,
  official: Official,
  input: VenueInput,
  request: RequestInfo,
): Promise<VenueView> {
  await assertCountyInScope(db, official, input.countyId);
  const id = await db.sequelize.transaction(async (transaction) => {
    if (!(await lockCountyVenues(db, input.countyId, transaction))) throw new AppError('NOT_FOUND', { what: '县区' });
    if (await venueNameTaken(db, input.countyId, input.name, null, transaction)) {
      throw new AppError('VENUE_NAME_TAKEN', { name: input.name });
    }
    const venue = await db.models.ExamVenue.create(
      { countyId: input.countyId, name: input.name, address: input.address, contact: input.contact },
      { transaction },
    );
    await auditVenueChange(
      db,
      official,
      {
        action: 'venue.create',
        entityType: 'exam_venue',
        entityId: venue.id,
        countyId: input.countyId,
        before: null,
        after: venueFields(input),
      },
      request,
      transaction,
    );
    return venue.id;
  });
  return (await venueView(db, id))!;
}
