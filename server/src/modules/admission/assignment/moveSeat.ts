import type { MoveSeatBody } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { isDuplicateKey } from '../../../db/sql';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';

/**
 * 调整座位: one candidate to another free seat of the same unit, in a room of the same county whose venue is
 * open that unit, with a reason (audited). The unique key on (room, unit, seat) refuses a seat taken meanwhile.
 * The ticket reads seat_assignments, so it shows the new seat.
 */
export async function moveSeat(
  db: Db,
  official: Official,
  assignmentId: number,
  body: MoveSeatBody,
  request: RequestInfo,
): Promise<{ id: number; roomId: number; venueId: number; seatNo: number }> {
  const m = db.models;
  try {
    return await db.sequelize.transaction(async (transaction) => {
      const seat = await m.SeatAssignment.findByPk(assignmentId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!seat) throw new AppError('NOT_FOUND', { what: '座位安排' });
      await assertCountyInScope(db, official, seat.countyId);
      const room = await m.ExamRoom.findByPk(body.roomId, { transaction });
      const venue = room ? await m.ExamVenue.findByPk(room.venueId, { transaction }) : null;
      const closed = venue
        ? await m.VenueClosure.findOne({ where: { venueId: venue.id, unitId: seat.unitId }, transaction })
        : null;
      if (!room || !venue || venue.countyId !== seat.countyId || closed) throw new AppError('ROOM_NOT_AVAILABLE');
      const roomName = `${venue.name}第${room.roomNo}考场`;
      if (body.seatNo > room.seats) throw new AppError('SEAT_NOT_IN_ROOM', { room: roomName, seats: room.seats });
      const occupant = await m.SeatAssignment.findOne({
        where: { roomId: room.id, unitId: seat.unitId, seatNo: body.seatNo },
        transaction,
      });
      if (occupant) throw new AppError('SEAT_TAKEN', { room: roomName, seatNo: body.seatNo });
      const before = { venueId: seat.venueId, roomId: seat.roomId, seatNo: seat.seatNo };
      await seat.update({ venueId: venue.id, roomId: room.id, seatNo: body.seatNo }, { transaction });
      const after = { venueId: venue.id, roomId: room.id, seatNo: body.seatNo };
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'assignment.move',
          entityType: 'seat_assignment',
          entityId: seat.id,
          before,
          after: { ...after, bookingItemId: seat.bookingItemId, candidateId: seat.candidateId },
          reason: body.reason,
          countyId: seat.countyId,
          ...request,
        },
        transaction,
      );
      return { id: seat.id, ...after };
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('SEAT_TAKEN', { room: '该考场', seatNo: body.seatNo });
    throw error;
  }
}
