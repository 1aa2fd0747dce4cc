import { BOOKING_ITEM_STATE_LABELS, unitLabel, type BookingItemState, type HalfDay } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import { assertCountyInScope } from '../../../kernel/scope';
import { select, toIso } from '../../../kernel/sqlParts';
import {
  bookingMoney,
  PAYMENT_COLUMNS,
  PAYMENT_FROM,
  paymentView,
  REFUND_COLUMNS,
  REFUND_FROM,
  refundView,
  overallState,
  type PaymentRow,
  type RefundRow,
} from './orderRows';

interface BookingRow {
  id: number;
  candidate_id: number;
  period_id: number;
  period_code: string;
  period_name: string;
  county_id: number | null;
  county_name: string | null;
  candidate_name: string;
  id_card_masked: string;
  notice_acknowledged_at: Date | string | null;
  confirmed_at: Date | string | null;
  created_at: Date | string;
}

interface ItemRow {
  id: number;
  booking_id: number;
  state: BookingItemState;
  county_name: string;
  course_code: string;
  course_name: string;
  unit_code: string;
  exam_date: string;
  half_day: HalfDay;
  start_time: string;
  end_time: string;
  ticket_no: string;
  held_at: Date | string;
  confirmed_at: Date | string | null;
  paid_at: Date | string | null;
  released_at: Date | string | null;
  out_trade_no: string | null;
}

interface EventRow {
  booking_item_id: number;
  from_state: BookingItemState | null;
  to_state: BookingItemState;
  actor_type: string;
  actor_name: string | null;
  reason: string | null;
  created_at: Date | string;
}

/** Bookings with every item and its history (who, when, why), their payment orders and refunds. */
export async function bookingDetails(db: Db, bookingIds: number[]) {
  if (bookingIds.length === 0) return [];
  const [bookings, items, events, payments, refunds] = await Promise.all([
    select<BookingRow>(
      db,
      `SELECT b.id, b.candidate_id, b.period_id, p.code AS period_code, p.name AS period_name, b.county_id,
              co.name AS county_name, c.name AS candidate_name, c.id_card_masked, b.notice_acknowledged_at,
              b.confirmed_at, b.created_at
         FROM bookings b
         JOIN exam_periods p ON p.id = b.period_id
         JOIN candidates c ON c.id = b.candidate_id
         LEFT JOIN counties co ON co.id = b.county_id
        WHERE b.id IN (?) ORDER BY b.period_id DESC, b.id DESC`,
      [bookingIds],
    ),
    select<ItemRow>(
      db,
      `SELECT i.id, i.booking_id, i.state, co.name AS county_name, cs.code AS course_code, cs.name AS course_name,
              u.code AS unit_code, u.exam_date, u.half_day, u.start_time, u.end_time, t.ticket_no, i.held_at,
              i.confirmed_at, i.paid_at, i.released_at, o.out_trade_no
         FROM booking_items i
         JOIN counties co ON co.id = i.county_id
         JOIN courses cs ON cs.id = i.course_id
         JOIN exam_units u ON u.id = i.unit_id
         JOIN tickets t ON t.id = i.ticket_id
         LEFT JOIN payment_orders o ON o.id = i.payment_order_id
        WHERE i.booking_id IN (?) ORDER BY u.exam_date, u.start_time, i.id`,
      [bookingIds],
    ),
    select<EventRow>(
      db,
      `SELECT e.booking_item_id, e.from_state, e.to_state, e.actor_type, f.name AS actor_name, e.reason, e.created_at
         FROM booking_events e
         JOIN booking_items i ON i.id = e.booking_item_id
         LEFT JOIN officials f ON e.actor_type = 'official' AND f.id = e.actor_id
        WHERE i.booking_id IN (?) ORDER BY e.id`,
      [bookingIds],
    ),
    select<PaymentRow>(db, `SELECT ${PAYMENT_COLUMNS} ${PAYMENT_FROM} WHERE o.booking_id IN (?) ORDER BY o.id`, [
      bookingIds,
    ]),
    select<RefundRow>(db, `SELECT ${REFUND_COLUMNS} ${REFUND_FROM} WHERE o.booking_id IN (?) ORDER BY r.id`, [
      bookingIds,
    ]),
  ]);
  return bookings.map((b) => {
    const own = items.filter((i) => i.booking_id === b.id);
    const orders = payments.filter((p) => p.booking_id === b.id);
    const state = overallState(own.map((i) => i.state));
    return {
      id: b.id,
      periodId: b.period_id,
      periodCode: b.period_code,
      periodName: b.period_name,
      candidateId: b.candidate_id,
      candidateName: b.candidate_name,
      ticketNo: own[0]?.ticket_no ?? null,
      idCardMasked: b.id_card_masked,
      countyId: b.county_id,
      countyName: b.county_name,
      /** null: the notice was acknowledged but nothing was ever held. */
      state,
      stateLabel: state ? BOOKING_ITEM_STATE_LABELS[state] : '未保存考位',
      noticeAcknowledgedAt: toIso(b.notice_acknowledged_at),
      confirmedAt: toIso(b.confirmed_at),
      createdAt: toIso(b.created_at),
      ...bookingMoney(orders),
      items: own.map((i) => ({
        id: i.id,
        courseCode: i.course_code,
        courseName: i.course_name,
        unitCode: i.unit_code,
        unitLabel: unitLabel({
          examDate: i.exam_date,
          halfDay: i.half_day,
          startTime: i.start_time,
          endTime: i.end_time,
        }),
        countyName: i.county_name,
        ticketNo: i.ticket_no,
        state: i.state,
        stateLabel: BOOKING_ITEM_STATE_LABELS[i.state],
        outTradeNo: i.out_trade_no,
        heldAt: toIso(i.held_at),
        confirmedAt: toIso(i.confirmed_at),
        paidAt: toIso(i.paid_at),
        releasedAt: toIso(i.released_at),
        history: events
          .filter((e) => e.booking_item_id === i.id)
          .map((e) => ({
            from: e.from_state,
            to: e.to_state,
            at: toIso(e.created_at),
            actorType: e.actor_type,
            actorName: e.actor_name,
            reason: e.reason,
          })),
      })),
      payments: orders.map(paymentView),
      refunds: refunds.filter((r) => r.booking_id === b.id).map(refundView),
    };
  });
}

export type BookingDetail = Awaited<ReturnType<typeof bookingDetails>>[number];

/** 报考详情: 403 outside the official's districts (by the booking's county). */
export async function bookingDetail(db: Db, official: Official, bookingId: number): Promise<BookingDetail> {
  const booking = await db.models.Booking.findByPk(bookingId);
  if (!booking) throw new AppError('NOT_FOUND', { what: '报考记录' });
  await assertCountyInScope(db, official, booking.countyId);
  const [detail] = await bookingDetails(db, [bookingId]);
  return detail!;
}
