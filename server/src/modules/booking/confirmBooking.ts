import { formatFen } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { inTransaction } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import { candidateActor } from '../../kernel/actor';
import type { Candidate } from '../accounts/models';
import { findPeriod } from '../catalog/catalogRepository';
import { ItemLedger } from '../ledger/itemLedger';
import { assertChangeable } from './bookingFreeze';
import { assertBookingOpen } from './bookingWindow';
import { lockActiveItems, lockBooking, markBookingConfirmed } from './bookingRepository';
import { newOutTradeNo } from './outTradeNo';

/**
 * 确认报考 (rule 9): freezes the county and every held course, and creates the payment order for
 * fee × courses, in fen — one transaction under the booking lock. Payment itself is the payment module's.
 */
export async function confirmBooking(db: Db, candidate: Candidate, periodId: number, now = new Date()) {
  const period = await findPeriod(db, periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  assertBookingOpen(period, now);
  return inTransaction(db.sequelize, async (tx) => {
    const booking = await lockBooking(tx, candidate.id, period.id);
    if (!booking) throw new AppError('NOTHING_TO_CONFIRM');
    const items = await lockActiveItems(tx, booking.id);
    // One order per booking: awaiting payment, pay it; paid, refund it first (seed 004 三.(2)).
    assertChangeable(items.map((i) => i.state));
    if (items.length === 0) throw new AppError('NOTHING_TO_CONFIRM');
    const outTradeNo = newOutTradeNo(booking.id);
    const amountFen = period.feePerCourseFen * items.length;
    const order = await tx.run(
      `INSERT INTO payment_orders (out_trade_no, booking_id, candidate_id, period_id, amount_fen, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'created', ?, ?)`,
      [outTradeNo, booking.id, candidate.id, period.id, amountFen, now, now],
    );
    await new ItemLedger(tx, candidateActor(candidate.id), now).confirm(items, order.insertId);
    await markBookingConfirmed(tx, booking.id, now);
    return {
      outTradeNo,
      amountFen,
      amountYuan: formatFen(amountFen),
      courses: items.length,
      state: 'confirmed' as const,
    };
  });
}
