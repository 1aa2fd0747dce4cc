import { formatFen } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { execute } from '../../db/execute';
import type { Db } from '../../db/models';
import { forUpdate } from '../../db/sql';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import { assertChangeable } from './bookingFreeze';
import { candidateActor } from '../../kernel/actor';
import { ItemLedger, type LedgerItem } from '../ledger/itemLedger';
import { openPeriodAndBooking } from './loadPeriod';
import { newOutTradeNo } from './outTradeNo';

/**
 * 确认报考 (rule 9): freezes the county and every held course, and creates the payment order for
 * fee × courses, in fen. Payment itself is the payment module's.
 */
export async function confirmBooking(db: Db, candidate: Candidate, periodId: number, now = new Date()) {
  const { period, booking } = await openPeriodAndBooking(db, candidate.id, periodId, now);
  return db.sequelize.transaction(async (transaction) => {
    await db.sequelize.query(`SELECT id FROM bookings WHERE id = ?${forUpdate(db.sequelize)}`, {
      replacements: [booking.id],
      transaction,
    });
    const items = await db.sequelize.query<LedgerItem>(
      `SELECT id, state, period_id, county_id, unit_id FROM booking_items WHERE booking_id = ? AND active = 1${forUpdate(db.sequelize)}`,
      { replacements: [booking.id], type: QueryTypes.SELECT, transaction },
    );
    // One order per booking: awaiting payment, pay it; paid, refund it first (seed 004 三.(2)).
    assertChangeable(items.map((i) => i.state));
    if (items.length === 0) throw new AppError('NOTHING_TO_CONFIRM');
    const order = await db.models.PaymentOrder.create(
      {
        outTradeNo: newOutTradeNo(booking.id),
        bookingId: booking.id,
        candidateId: candidate.id,
        periodId: period.id,
        amountFen: period.feePerCourseFen * items.length,
        channel: null,
        codeUrl: null,
        prepayId: null,
        payerOpenid: null,
        timeExpire: null,
        transactionId: null,
        payerTotalFen: null,
        paidAt: null,
        closedAt: null,
      },
      { transaction },
    );
    await ItemLedger.in(db.sequelize, transaction, candidateActor(candidate.id), now).confirm(items, order.id);
    await execute(
      db.sequelize,
      'UPDATE bookings SET confirmed_at = ?, updated_at = ? WHERE id = ?',
      [now, now, booking.id],
      transaction,
    );
    return {
      outTradeNo: order.outTradeNo,
      amountFen: order.amountFen,
      amountYuan: formatFen(order.amountFen),
      courses: items.length,
      state: 'confirmed' as const,
    };
  });
}
