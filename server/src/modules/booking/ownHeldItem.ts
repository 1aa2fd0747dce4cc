import type { BookingItemState } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { forUpdate } from '../../db/sql';
import { AppError } from '../../http/errors';
import { isPaidState } from './bookingFreeze';
import { assertBookingOpen } from './bookingWindow';

export interface LockedItem {
  id: number;
  state: BookingItemState;
  period_id: number;
  county_id: number;
  unit_id: number;
  course_id: number;
  ticket_id: number;
}

/**
 * One of the candidate's own items that is still only held (replace and drop act on those), locked
 * when a transaction is given. A paid course changes only through a refund (seed 004 三.(2)).
 */
export async function ownHeldItem(
  db: Db,
  candidateId: number,
  itemId: number,
  transaction?: Transaction,
): Promise<LockedItem> {
  const [item] = await db.sequelize.query<LockedItem>(
    `SELECT id, state, period_id, county_id, unit_id, course_id, ticket_id FROM booking_items
      WHERE id = ? AND candidate_id = ?${transaction ? forUpdate(db.sequelize) : ''}`,
    { replacements: [itemId, candidateId], type: QueryTypes.SELECT, transaction },
  );
  if (!item) throw new AppError('NOT_FOUND', { what: '报考课程' });
  const period = await db.models.ExamPeriod.findByPk(item.period_id, { transaction });
  assertBookingOpen(period!);
  if (isPaidState(item.state)) throw new AppError('BOOKING_PAID_REFUND_FIRST');
  if (item.state !== 'held') throw new AppError('ITEM_NOT_HELD');
  return item;
}
