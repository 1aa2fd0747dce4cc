import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { assertCountyInScope } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { lockVenue } from './venueRepository';

/**
 * The venue locked for a change, checked against the official's districts: 404 when it does not exist,
 * 403 when its county is not theirs (a county office sees only its own; a city its counties; the province all).
 */
export async function venueInScope(db: Db, official: Official, venueId: number, transaction: Transaction) {
  const venue = await lockVenue(db, venueId, transaction);
  if (!venue) throw new AppError('NOT_FOUND', { what: '考点' });
  await assertCountyInScope(db, official, venue.county_id);
  return venue;
}

/** A room of the venue, locked; 404 when the venue has no such room. */
export async function roomOfVenue(db: Db, venueId: number, roomId: number, transaction: Transaction) {
  const room = await db.models.ExamRoom.findOne({ where: { id: roomId, venueId }, transaction, lock: true });
  if (!room) throw new AppError('NOT_FOUND', { what: '考场' });
  return room;
}

/** What an audit entry keeps of a venue and of a room. */
export const venueFields = (v: { name: string; address: string; contact: string | null }) => ({
  name: v.name,
  address: v.address,
  contact: v.contact,
});
export const roomFields = (r: { roomNo: number; seats: number; note: string | null }) => ({
  roomNo: r.roomNo,
  seats: r.seats,
  note: r.note,
});
