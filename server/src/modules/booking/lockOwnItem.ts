import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { forUpdate } from '../../db/sql';
import { AppError } from '../../http/errors';
import { assertBookingOpen } from './bookingWindow';

export interface LockedItem {
  id: number;
  state: string;
  period_id: number;
  county_id: number;
  unit_id: number;
  course_id: number;
}

/** Locks one of the candidate's own items that is still only held (replace and drop act on those). */
export async function lockOwnHeldItem(
  db: Db,
  candidateId: number,
  itemId: number,
  transaction: Transaction,
): Promise<LockedItem> {
  const [item] = await db.sequelize.query<LockedItem>(
    `SELECT id, state, period_id, county_id, unit_id, course_id FROM booking_items
      WHERE id = ? AND candidate_id = ?${forUpdate(db.sequelize)}`,
    { replacements: [itemId, candidateId], type: QueryTypes.SELECT, transaction },
  );
  if (!item) throw new AppError('NOT_FOUND', { what: '报考课程' });
  const period = await db.models.ExamPeriod.findByPk(item.period_id, { transaction });
  assertBookingOpen(period!);
  if (item.state !== 'held') throw new AppError('ITEM_NOT_HELD');
  return item;
}
