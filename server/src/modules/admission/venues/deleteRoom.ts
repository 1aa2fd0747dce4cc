import type { VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { assignmentsIn, venueView } from './venueRepository';
import { roomFields, roomOfVenue, venueInScope } from './venueScope';

/** Deletes a room, refused while any seat is assigned in it. */
export async function deleteRoom(
  db: Db,
  official: Official,
  ids: { venueId: number; roomId: number },
  request: RequestInfo,
): Promise<VenueView> {
  await db.sequelize.transaction(async (transaction) => {
    const venue = await venueInScope(db, official, ids.venueId, transaction);
    const room = await roomOfVenue(db, ids.venueId, ids.roomId, transaction);
    const taken = await assignmentsIn(db, { roomId: room.id }, transaction);
    if (taken.count > 0) throw new AppError('ROOM_HAS_ASSIGNMENTS', { roomNo: room.roomNo, count: taken.count });
    await room.destroy({ transaction });
    await auditVenueChange(
      db,
      official,
      {
        action: 'venue.room.delete',
        entityType: 'exam_room',
        entityId: room.id,
        countyId: venue.county_id,
        before: { venueId: ids.venueId, ...roomFields(room) },
        after: null,
      },
      request,
      transaction,
    );
  });
  return (await venueView(db, ids.venueId))!;
}
