import type { BookingItemState } from '@kaowei/shared';
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import { forUpdate, preciseTime, retryOnDeadlock } from '../../db/sql';
import { AppError } from '../../http/errors';
import { assertChangeable } from './bookingFreeze';
import { candidateActor } from '../../kernel/actor';
import { recordEvents } from './bookingRepository';
import type { BookingItem } from './models';

export type HoldItemInput = Pick<
  BookingItem,
  'bookingId' | 'candidateId' | 'ticketId' | 'periodId' | 'countyId' | 'unitId' | 'courseId'
>;

export type HoldOutcome = 'held' | 'seat_full' | 'unit_taken';

class SeatFull extends Error {}

/**
 * Takes one seat for one course, in its own transaction, so each item succeeds or fails alone
 * (rule 8). Order of work: lock the candidate's booking row (one county per period, rule 3; not
 * confirmed or paid meanwhile, rules 9 and 11), insert the item (the unique key allows one active
 * item per unit), then a single conditional UPDATE takes the seat only while `taken < capacity`. No read-then-write, and no lock is held across a network call.
 */
export async function holdItem(db: Db, input: HoldItemInput, now = new Date()): Promise<HoldOutcome> {
  try {
    return await retryOnDeadlock(() =>
      db.sequelize.transaction(async (transaction) => {
        const [booking] = await db.sequelize.query<{ county_id: number | null }>(
          `SELECT county_id FROM bookings WHERE id = ?${forUpdate(db.sequelize)}`,
          { replacements: [input.bookingId], type: QueryTypes.SELECT, transaction },
        );
        // Read after the booking lock, which confirming also takes: a booking confirmed or paid since the
        // placement check takes no new course (rules 9 and 11), and every course stays in one county (rule 3).
        const held = await db.sequelize.query<{ county_id: number; state: BookingItemState }>(
          'SELECT county_id, state FROM booking_items WHERE booking_id = ? AND active = 1',
          { replacements: [input.bookingId], type: QueryTypes.SELECT, transaction },
        );
        assertChangeable(held.map((item) => item.state));
        if (held.some((item) => item.county_id !== input.countyId)) {
          throw new AppError('COUNTY_CONFLICT', { county: '其他县（市、区）' });
        }
        const [itemId] = await db.sequelize.query(
          `INSERT INTO booking_items (booking_id, candidate_id, ticket_id, period_id, county_id, unit_id, course_id,
                                      state, active, held_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'held', 1, ?, ?, ?)`,
          {
            replacements: [
              input.bookingId,
              input.candidateId,
              input.ticketId,
              input.periodId,
              input.countyId,
              input.unitId,
              input.courseId,
              preciseTime(db.sequelize, now),
              now,
              now,
            ],
            type: QueryTypes.INSERT,
            transaction,
          },
        );
        const taken = await execute(
          db.sequelize,
          `UPDATE seat_quotas SET taken = taken + 1, updated_at = ?
            WHERE period_id = ? AND county_id = ? AND unit_id = ? AND taken < capacity`,
          [now, input.periodId, input.countyId, input.unitId],
          transaction,
        );
        if (taken !== 1) throw new SeatFull();
        if (booking?.county_id !== input.countyId) {
          await execute(
            db.sequelize,
            'UPDATE bookings SET county_id = ?, updated_at = ? WHERE id = ?',
            [input.countyId, now, input.bookingId],
            transaction,
          );
        }
        await recordEvents(
          db,
          candidateActor(input.candidateId),
          [{ itemId: Number(itemId), from: null, to: 'held', reason: '保存考位' }],
          transaction,
        );
        return 'held' as const;
      }),
    );
  } catch (error) {
    if (error instanceof SeatFull) return 'seat_full';
    if (error instanceof UniqueConstraintError) return 'unit_taken';
    throw error;
  }
}
