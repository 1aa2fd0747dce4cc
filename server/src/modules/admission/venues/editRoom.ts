import type { RoomInput, VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { isDuplicateKey } from '../../../db/sql';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { changes } from '../../../kernel/changes';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { assignmentsIn, venueView } from './venueRepository';
import { roomFields, roomOfVenue, venueInScope } from './venueScope';

/**
 * Changes a room's number, seats or note. Its seats may not drop below the highest seat already assigned in
 * it (those candidates' tickets name that seat).
 */
export async function editRoom(
  db: Db,
  official: Official,
  ids: { venueId: number; roomId: number },
  input: RoomInput,
  request: RequestInfo,
): Promise<VenueView> {
  try {
    await db.sequelize.transaction(async (transaction) => {
      const venue = await venueInScope(db, official, ids.venueId, transaction);
      const room = await roomOfVenue(db, ids.venueId, ids.roomId, transaction);
      const { highestSeat } = await assignmentsIn(db, { roomId: room.id }, transaction);
      if (input.seats < highestSeat) {
        throw new AppError('ROOM_SEATS_BELOW_ASSIGNED', { roomNo: room.roomNo, seat: highestSeat });
      }
      const was = roomFields(room);
      const diff = changes(was, roomFields(input));
      if (Object.keys(diff.after).length === 0) return;
      await room.update(roomFields(input), { transaction });
      await auditVenueChange(
        db,
        official,
        {
          action: 'venue.room.update',
          entityType: 'exam_room',
          entityId: room.id,
          countyId: venue.county_id,
          before: { roomNo: was.roomNo, ...diff.before },
          after: diff.after,
        },
        request,
        transaction,
      );
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('ROOM_NO_TAKEN', { roomNo: input.roomNo });
    throw error;
  }
  return (await venueView(db, ids.venueId))!;
}
