import type { Db } from '../../src/db/models';
import { isDuplicateKey } from '../../src/db/sql';
import { inTransaction, lockRows } from '../../src/db/sqlTx';
import { candidateActor } from '../../src/kernel/actor';
import { ItemLedger, type BookingSeats, type PlacedCourse } from '../../src/modules/ledger/itemLedger';

/**
 * One course's seat taken through the ledger as 保存考位 takes it (booking locked, one transaction), without the
 * placement rules and SMS code around it: for tests that race the seat accounting itself. A second active item
 * in one unit is refused by the database's unique key.
 */
export async function holdItem(
  db: Db,
  item: BookingSeats & PlacedCourse,
): Promise<'held' | 'seat_full' | 'unit_taken'> {
  try {
    return await inTransaction(db.sequelize, async (tx) => {
      await tx.rows(`SELECT id FROM bookings WHERE id = ?${lockRows(tx)}`, [item.bookingId]);
      const held = await new ItemLedger(tx, candidateActor(item.candidateId)).take(item, [item]);
      return held.size > 0 ? 'held' : 'seat_full';
    });
  } catch (error) {
    if (isDuplicateKey(error)) return 'unit_taken';
    throw error;
  }
}
