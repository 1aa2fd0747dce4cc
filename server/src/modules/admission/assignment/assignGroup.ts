import type { SqlTx } from '../../../db/sqlTx';
import {
  deleteGroupAssignments,
  insertAssignments,
  itemsToPlace,
  occupiedSeats,
  openRooms,
  venuesInOtherUnits,
  type AssignmentGroup,
} from './assignmentRepository';
import { freeSeatCount, placeSeats } from './placeSeats';

export type GroupOutcome = { assigned: number; missing: 0 } | { assigned: 0; missing: number };

/**
 * 考场编排 of one county × unit, inside the caller's transaction. Incremental: assignments of paid items are
 * kept and only paid items without a seat are placed into free seats; `fullRerun` starts the group over. When
 * the free seats do not cover the items, nothing is written and the shortfall is answered.
 */
export async function assignGroup(
  tx: SqlTx,
  group: AssignmentGroup,
  options: { fullRerun: boolean; now: Date },
): Promise<GroupOutcome> {
  const rooms = await openRooms(tx, group);
  const occupied = new Set<string>();
  if (!options.fullRerun) {
    for (const seat of await occupiedSeats(tx, group)) occupied.add(`${seat.room_id}:${seat.seat_no}`);
  }
  const items = await itemsToPlace(tx, group, options.fullRerun);
  const free = freeSeatCount(rooms, occupied);
  if (items.length > free) return { assigned: 0, missing: items.length - free };
  await deleteGroupAssignments(tx, group, !options.fullRerun);
  if (items.length === 0) return { assigned: 0, missing: 0 };
  const placed = placeSeats(rooms, occupied, items, await venuesInOtherUnits(tx, group));
  await insertAssignments(tx, group, placed, options.now);
  return { assigned: placed.length, missing: 0 };
}
