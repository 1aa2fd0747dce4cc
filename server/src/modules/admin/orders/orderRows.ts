import {
  PAYMENT_CHANNEL_LABELS,
  PAYMENT_ORDER_STATE_LABELS,
  REFUND_KIND_LABELS,
  REFUND_STATE_LABELS,
  type BookingItemState,
  type PaymentOrderState,
  type RefundKind,
  type RefundState,
} from '@kaowei/shared';
import { toIso } from '../../../kernel/sqlParts';

/**
 * Shared SQL and views of the orders screens. A booking, its payment orders and their refunds belong
 * to the booking's county (bookings.county_id, the county the candidate chose for the period).
 */

/** The ticket a payment order's items were held under (a candidate may hold several tickets). */
const TICKET_OF_ORDER =
  '(SELECT MIN(t.ticket_no) FROM booking_items bi JOIN tickets t ON t.id = bi.ticket_id WHERE bi.payment_order_id = o.id)';

export const PAYMENT_FROM = `
  FROM payment_orders o
  JOIN bookings b ON b.id = o.booking_id
  JOIN candidates c ON c.id = o.candidate_id
  LEFT JOIN counties co ON co.id = b.county_id`;

export const PAYMENT_COLUMNS = `o.id, o.out_trade_no, o.booking_id, o.candidate_id, o.period_id, o.amount_fen, o.state,
  o.channel, o.paid_at, o.transaction_id, o.created_at, c.name AS candidate_name, c.id_card_masked,
  b.county_id, co.name AS county_name, ${TICKET_OF_ORDER} AS ticket_no`;

export interface PaymentRow {
  id: number;
  out_trade_no: string;
  booking_id: number;
  candidate_id: number;
  period_id: number;
  amount_fen: number;
  state: PaymentOrderState;
  channel: 'native' | 'jsapi' | null;
  paid_at: Date | string | null;
  transaction_id: string | null;
  created_at: Date | string;
  candidate_name: string;
  id_card_masked: string;
  county_id: number | null;
  county_name: string | null;
  ticket_no: string | null;
}

export function paymentView(r: PaymentRow) {
  return {
    outTradeNo: r.out_trade_no,
    bookingId: r.booking_id,
    candidateId: r.candidate_id,
    candidateName: r.candidate_name,
    ticketNo: r.ticket_no,
    countyName: r.county_name,
    periodId: r.period_id,
    amountFen: Number(r.amount_fen),
    state: r.state,
    stateLabel: PAYMENT_ORDER_STATE_LABELS[r.state],
    channel: r.channel,
    channelLabel: r.channel ? PAYMENT_CHANNEL_LABELS[r.channel] : null,
    paidAt: toIso(r.paid_at),
    transactionId: r.transaction_id,
    createdAt: toIso(r.created_at),
  };
}

export const REFUND_FROM = `
  FROM refunds r
  JOIN payment_orders o ON o.id = r.payment_order_id
  JOIN bookings b ON b.id = o.booking_id
  JOIN candidates c ON c.id = o.candidate_id
  LEFT JOIN counties co ON co.id = b.county_id`;

export const REFUND_COLUMNS = `r.id, r.out_refund_no, o.out_trade_no, o.booking_id, o.candidate_id, o.period_id,
  r.amount_fen, r.kind, r.reason, r.state, r.created_at, r.succeeded_at, c.name AS candidate_name,
  co.name AS county_name, ${TICKET_OF_ORDER} AS ticket_no`;

export interface RefundRow {
  id: number;
  out_refund_no: string;
  out_trade_no: string;
  booking_id: number;
  candidate_id: number;
  period_id: number;
  amount_fen: number;
  kind: RefundKind;
  reason: string;
  state: RefundState;
  created_at: Date | string;
  succeeded_at: Date | string | null;
  candidate_name: string;
  county_name: string | null;
  ticket_no: string | null;
}

export function refundView(r: RefundRow) {
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    bookingId: r.booking_id,
    candidateId: r.candidate_id,
    candidateName: r.candidate_name,
    ticketNo: r.ticket_no,
    countyName: r.county_name,
    periodId: r.period_id,
    amountFen: Number(r.amount_fen),
    kind: r.kind,
    kindLabel: REFUND_KIND_LABELS[r.kind] ?? r.kind,
    reason: r.reason,
    state: r.state,
    stateLabel: REFUND_STATE_LABELS[r.state] ?? r.state,
    createdAt: toIso(r.created_at),
    succeededAt: toIso(r.succeeded_at),
  };
}

/**
 * A booking's overall state: the most advanced state among its items (refunding before paid before
 * confirmed before held before refunded before released), so a booking with one paid and one
 * released course reads "paid".
 */
export const BOOKING_STATE_ORDER: readonly BookingItemState[] = [
  'released',
  'refunded',
  'held',
  'confirmed',
  'paid',
  'refunding',
];

/** The overall state of a booking with these item states; null when it has no items. */
export function overallState(states: readonly BookingItemState[]): BookingItemState | null {
  if (states.length === 0) return null;
  return BOOKING_STATE_ORDER[Math.max(...states.map((s) => BOOKING_STATE_ORDER.indexOf(s)))] ?? 'released';
}

/** SQL: the rank (1-based index in BOOKING_STATE_ORDER) of an item state column, for filtering on overallState. */
export function stateRankSql(column: string): string {
  return `CASE ${column} ${BOOKING_STATE_ORDER.map((s, i) => `WHEN '${s}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;
}

/** What a booking costs or cost: the orders still owed or paid (a closed or refunded order no longer counts). */
export function bookingMoney(orders: Array<Pick<PaymentRow, 'amount_fen' | 'state' | 'paid_at'>>) {
  const live = orders.filter((o) => o.state === 'created' || o.state === 'paid' || o.state === 'refunding');
  const paid = live
    .map((o) => toIso(o.paid_at))
    .filter((at): at is string => at !== null)
    .sort();
  return { amountFen: live.reduce((sum, o) => sum + Number(o.amount_fen), 0), paidAt: paid.at(-1) ?? null };
}
