import type { RoomInput, VenueView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { isDuplicateKey } from '../../../db/sql';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditVenueChange } from './venueAudit';
import { venueView } from './venueRepository';
import { roomFields, venueInScope } from './venueScope';

/** A new 考场 in a venue; its number is unique within the venue (a unique key in the database). */
export async function addRoom(
  db: Db,
  official: Official,
  venueId: number,
  input: RoomInput,
  request: RequestInfo,
): Promise<VenueView> {
  try {
    await db.sequelize.transaction(async (transaction) => {
      const venue = await venueInScope(db, official, venueId, transaction);
      const room = await db.models.ExamRoom.create({ venueId, ...roomFields(input) }, { transaction });
      await auditVenueChange(
        db,
        official,
        {
          action: 'venue.room.create',
          entityType: 'exam_room',
          entityId: room.id,
          countyId: venue.county_id,
          before: null,
          after: { venueId, ...roomFields(input) },
        },
        request,
        transaction,
      );
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('ROOM_NO_TAKEN', { roomNo: input.roomNo });
    throw error;
  }
  return (await venueView(db, venueId))!;
}
