import { BOOKING_ITEM_STATE_LABELS, formatFen, unitLabel, type BookingItemState, type HalfDay } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import { beijingDateString, beijingInstant } from '../../lib/beijingTime';
import { bookingChanges } from './bookingFreeze';

interface ItemRow {
  id: number;
  period_id: number;
  period_name: string;
  daily_release_time: string;
  county_name: string;
  state: BookingItemState;
  code: string;
  course_name: string;
  exam_date: string;
  half_day: HalfDay;
  start_time: string;
  end_time: string;
  held_at: Date | string;
  payment_order_id: number | null;
  pay_by: Date | string | null;
}

/** 我的报考: every period, item and state, with every transition and its reason. */
export async function myBookings(db: Db, candidateId: number, now = new Date()) {
  const items = await db.sequelize.query<ItemRow>(
    `SELECT i.id, i.period_id, p.name AS period_name, p.daily_release_time, co.name AS county_name, i.state,
            c.code, c.name AS course_name, u.exam_date, u.half_day, u.start_time, u.end_time, i.held_at, i.payment_order_id,
            i.pay_by
       FROM booking_items i
       JOIN exam_periods p ON p.id = i.period_id
       JOIN counties co ON co.id = i.county_id
       JOIN courses c ON c.id = i.course_id
       JOIN exam_units u ON u.id = i.unit_id
      WHERE i.candidate_id = ? ORDER BY i.period_id DESC, u.exam_date, u.start_time, i.id`,
    { replacements: [candidateId], type: QueryTypes.SELECT },
  );
  const ids = items.map((i) => i.id);
  const events = ids.length
    ? await db.models.BookingEvent.findAll({ where: { bookingItemId: ids }, order: [['id', 'ASC']] })
    : [];
  const orders = await db.models.PaymentOrder.findAll({ where: { candidateId }, order: [['id', 'ASC']] });
  const refunds = orders.length
    ? await db.sequelize.query<{ payment_order_id: number; state: string; reason: string; kind: string }>(
        'SELECT payment_order_id, state, reason, kind FROM refunds WHERE payment_order_id IN (?) ORDER BY id',
        { replacements: [orders.map((o) => o.id)], type: QueryTypes.SELECT },
      )
    : [];
  // The office of the booking's county settles what WeChat Pay could not refund: the candidate is told to call it.
  const orderCounties = orders.length
    ? await db.sequelize.query<{ id: number; county_name: string | null }>(
        `SELECT o.id, co.name AS county_name FROM payment_orders o
           JOIN bookings b ON b.id = o.booking_id LEFT JOIN counties co ON co.id = b.county_id
          WHERE o.id IN (?)`,
        { replacements: [orders.map((o) => o.id)], type: QueryTypes.SELECT },
      )
    : [];

  const periods = new Map<number, ItemRow[]>();
  for (const item of items) periods.set(item.period_id, [...(periods.get(item.period_id) ?? []), item]);
  return {
    periods: [...periods.entries()].map(([periodId, rows]) => {
      // A seat given from the waitlist keeps its own pay-by time (shown on the item), not the end of the day.
      const unpaid = rows.some((r) => (r.state === 'held' || r.state === 'confirmed') && !r.pay_by);
      let releaseAt = beijingInstant(beijingDateString(now), rows[0]!.daily_release_time);
      if (releaseAt <= now)
        releaseAt = beijingInstant(
          beijingDateString(new Date(now.getTime() + 86_400_000)),
          rows[0]!.daily_release_time,
        );
      return {
        periodId,
        periodName: rows[0]!.period_name,
        countyName:
          rows.find((r) => r.state !== 'released' && r.state !== 'refunded')?.county_name ?? rows[0]!.county_name,
        /** When unpaid holds go back to the pool (end of the booking day). */
        unpaidReleaseAt: unpaid ? releaseAt : null,
        /** Whether courses may still be added, replaced or dropped, or why not (pay first, or refund first). */
        changes: bookingChanges(rows.map((r) => r.state)),
        items: rows.map((r) => ({
          itemId: r.id,
          courseCode: r.code,
          courseName: r.course_name,
          unitLabel: unitLabel({
            examDate: r.exam_date,
            halfDay: r.half_day,
            startTime: r.start_time,
            endTime: r.end_time,
          }),
          countyName: r.county_name,
          state: r.state,
          stateLabel: BOOKING_ITEM_STATE_LABELS[r.state],
          paymentOrderId: r.payment_order_id,
          /** A seat given from the waitlist (候补): unpaid by then, it goes to the next in line. */
          payBy: r.pay_by && (r.state === 'held' || r.state === 'confirmed') ? new Date(r.pay_by).toISOString() : null,
          history: events
            .filter((e) => e.bookingItemId === r.id)
            .map((e) => ({ from: e.fromState, to: e.toState, at: e.createdAt, by: e.actorType, reason: e.reason })),
        })),
        orders: orders
          .filter((o) => o.periodId === periodId)
          .map((o) => ({
            outTradeNo: o.outTradeNo,
            amountFen: o.amountFen,
            amountYuan: formatFen(o.amountFen),
            state: o.state,
            countyName: orderCounties.find((c) => c.id === o.id)?.county_name ?? null,
            /** Why money went back, e.g. a late payment whose seats were gone. */
            refunds: refunds
              .filter((r) => r.payment_order_id === o.id)
              .map((r) => ({ state: r.state, kind: r.kind, reason: r.reason })),
          })),
      };
    }),
  };
}
