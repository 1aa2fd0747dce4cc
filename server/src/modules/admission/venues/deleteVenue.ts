import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { assignmentsIn } from './venueRepository';
import { roomFields, venueFields, venueInScope } from './venueScope';

/**
 * Deletes a venue with its rooms and closures, refused while any seat is assigned in it (the tickets name it).
 * The audit entry keeps the venue and its rooms as they were.
 */
export async function deleteVenue(db: Db, official: Official, venueId: number, request: RequestInfo) {
  await db.sequelize.transaction(async (transaction) => {
    const locked = await venueInScope(db, official, venueId, transaction);
    const taken = await assignmentsIn(db, { venueId }, transaction);
    if (taken.count > 0) throw new AppError('VENUE_HAS_ASSIGNMENTS', { name: locked.name, count: taken.count });
    const venue = (await db.models.ExamVenue.findByPk(venueId, { transaction }))!;
    const rooms = await db.models.ExamRoom.findAll({ where: { venueId }, order: [['roomNo', 'ASC']], transaction });
    await db.models.VenueClosure.destroy({ where: { venueId }, transaction });
    await db.models.ExamRoom.destroy({ where: { venueId }, transaction });
    await venue.destroy({ transaction });
    await auditVenueChange(
      db,
      official,
      {
        action: 'venue.delete',
        entityType: 'exam_venue',
        entityId: venueId,
        countyId: locked.county_id,
        before: { ...venueFields(venue), rooms: rooms.map(roomFields) },
        after: null,
      },
      request,
      transaction,
    );
  });
  return { deleted: true };
}
