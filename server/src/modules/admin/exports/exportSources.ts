import {
  BOOKING_ITEM_STATE_LABELS,
  PAYMENT_CHANNEL_LABELS,
  PAYMENT_ORDER_STATE_LABELS,
  unitLabel,
  type BookingItemState,
  type HalfDay,
} from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { beijingDateTime } from '../../../lib/beijingTime';
import type { ExamPeriod } from '../../catalog/models';
import { PAYMENT_COLUMNS, PAYMENT_FROM, type PaymentRow } from '../orders/orderRows';
import { liveSeats } from '../seats/liveSeats';
import { paperOrderCounts } from '../../admission/rosters/rosterRepository';
import { unitLabelOfRow } from '../../admission/unitRow';
import { Conditions, count, select, toIso } from '../../../kernel/sqlParts';
import type { Cell, ExportColumn, RowPages } from './tableStream';

const PAGE = 1000;
/** A DATETIME read back by a raw query (Date on MySQL, string on SQLite) as Beijing "YYYY-MM-DD HH:MM:SS". */
function exportTime(value: Date | string | null): string | null {
  const iso = toIso(value);
  if (iso === null) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : beijingDateTime(at);
}

export interface ExportFilters {
  countyId?: number;
  state?: string;
}

export interface ExportSource {
  sheetName: string;
  columns: ExportColumn[];
  /** Rows matching the filters when the export starts (for the audit entry). */
  total: number;
  pages: RowPages;
}

/** Pages of a query ordered by its `id` column, read by key (`id > last`), never by offset. */
async function* byKey<T extends { id: number }>(
  db: Db,
  key: string,
  sql: (condition: string) => string,
  where: Conditions,
  toCells: (row: T) => Cell[],
): RowPages {
  let last = 0;
  for (;;) {
    const rows = await select<T>(db, sql(`${where.sql} AND ${key} > ?`), [...where.replacements, last, PAGE]);
    if (rows.length === 0) return;
    yield rows.map(toCells);
    if (rows.length < PAGE) return;
    last = rows.at(-1)!.id;
  }
}

interface BookingItemExportRow {
  id: number;
  ticket_no: string;
  candidate_name: string;
  id_card_masked: string;
  city_name: string;
  county_name: string;
  course_code: string;
  course_name: string;
  unit_code: string;
  exam_date: string;
  half_day: HalfDay;
  start_time: string;
  end_time: string;
  state: BookingItemState;
  held_at: Date | string;
  paid_at: Date | string | null;
  out_trade_no: string | null;
}

/** 报考明细: one row per course booked (booking item), in the item's county. */
export async function bookingsExport(
  db: Db,
  period: ExamPeriod,
  counties: number[] | null,
  filters: ExportFilters,
): Promise<ExportSource> {
  const where = new Conditions().add('i.period_id = ?', period.id).counties('i.county_id', counties);
  if (filters.countyId) where.add('i.county_id = ?', filters.countyId);
  if (filters.state) where.add('i.state = ?', filters.state);
  const total = await count(db, `SELECT COUNT(*) AS n FROM booking_items i WHERE ${where.sql}`, where.replacements);
  const sql = (condition: string) =>
    `SELECT i.id, t.ticket_no, c.name AS candidate_name, c.id_card_masked, ci.name AS city_name, co.name AS county_name,
            cs.code AS course_code, cs.name AS course_name, u.code AS unit_code, u.exam_date, u.half_day, u.start_time,
            u.end_time, i.state, i.held_at, i.paid_at, o.out_trade_no
       FROM booking_items i
       JOIN candidates c ON c.id = i.candidate_id
       JOIN tickets t ON t.id = i.ticket_id
       JOIN counties co ON co.id = i.county_id
       JOIN cities ci ON ci.id = co.city_id
       JOIN courses cs ON cs.id = i.course_id
       JOIN exam_units u ON u.id = i.unit_id
       LEFT JOIN payment_orders o ON o.id = i.payment_order_id
      WHERE ${condition} ORDER BY i.id LIMIT ?`;
  return {
    sheetName: '报考明细',
    total,
    columns: [
      { header: '准考证号', width: 16 },
      { header: '姓名', width: 10 },
      { header: '身份证号(脱敏)', width: 22 },
      { header: '市(州)', width: 14 },
      { header: '县区', width: 14 },
      { header: '课程代码', width: 10 },
      { header: '课程名称', width: 24 },
      { header: '考试单元', width: 10 },
      { header: '考试时间', width: 30 },
      { header: '状态', width: 10 },
      { header: '保存时间', width: 20 },
      { header: '缴费时间', width: 20 },
      { header: '订单号', width: 34 },
    ],
    pages: byKey<BookingItemExportRow>(db, 'i.id', sql, where, (r) => [
      r.ticket_no,
      r.candidate_name,
      r.id_card_masked,
      r.city_name,
      r.county_name,
      r.course_code,
      r.course_name,
      r.unit_code,
      unitLabel({ examDate: r.exam_date, halfDay: r.half_day, startTime: r.start_time, endTime: r.end_time }),
      BOOKING_ITEM_STATE_LABELS[r.state] ?? r.state,
      exportTime(r.held_at),
      exportTime(r.paid_at),
      r.out_trade_no,
    ]),
  };
}

/** A payment order as the orders screen reads it, with the number of courses it pays for. */
type PaymentExportRow = PaymentRow & { courses: number | string };

/** 缴费记录: one row per payment order, in the booking's county. */
export async function paymentsExport(
  db: Db,
  period: ExamPeriod,
  counties: number[] | null,
  filters: ExportFilters,
): Promise<ExportSource> {
  const where = new Conditions().add('o.period_id = ?', period.id).counties('b.county_id', counties);
  if (filters.countyId) where.add('b.county_id = ?', filters.countyId);
  if (filters.state) where.add('o.state = ?', filters.state);
  const total = await count(db, `SELECT COUNT(*) AS n ${PAYMENT_FROM} WHERE ${where.sql}`, where.replacements);
  const sql = (condition: string) =>
    `SELECT ${PAYMENT_COLUMNS},
            (SELECT COUNT(*) FROM booking_items bi WHERE bi.payment_order_id = o.id) AS courses
       ${PAYMENT_FROM}
      WHERE ${condition} ORDER BY o.id LIMIT ?`;
  return {
    sheetName: '缴费记录',
    total,
    columns: [
      { header: '订单号', width: 34 },
      { header: '准考证号', width: 16 },
      { header: '姓名', width: 10 },
      { header: '身份证号(脱敏)', width: 22 },
      { header: '县区', width: 14 },
      { header: '课程数', kind: 'integer', width: 8 },
      { header: '金额(元)', kind: 'money', width: 10 },
      { header: '状态', width: 10 },
      { header: '支付方式', width: 12 },
      { header: '微信支付单号', width: 32 },
      { header: '下单时间', width: 20 },
      { header: '缴费时间', width: 20 },
    ],
    pages: byKey<PaymentExportRow>(db, 'o.id', sql, where, (r) => [
      r.out_trade_no,
      r.ticket_no,
      r.candidate_name,
      r.id_card_masked,
      r.county_name,
      Number(r.courses),
      Number(r.amount_fen),
      PAYMENT_ORDER_STATE_LABELS[r.state] ?? r.state,
      r.channel ? PAYMENT_CHANNEL_LABELS[r.channel] : null,
      r.transaction_id,
      exportTime(r.created_at),
      exportTime(r.paid_at),
    ]),
  };
}

/** 考位情况: the live seats table (one row per county and unit; small, read at once). */
export async function seatsExport(
  db: Db,
  period: ExamPeriod,
  counties: number[] | null,
  filters: ExportFilters,
): Promise<ExportSource> {
  const seats = await liveSeats(db, period, filters.countyId ? [filters.countyId] : counties);
  const rows: Cell[][] = seats.rows.map((r) => [
    r.cityName,
    r.countyName,
    r.unitCode,
    r.examDate,
    r.halfDayLabel,
    r.capacity,
    r.held,
    r.paid,
    r.left,
  ]);
  const t = seats.totals;
  return {
    sheetName: '考位情况',
    total: rows.length,
    columns: [
      { header: '市(州)', width: 14 },
      { header: '县区', width: 14 },
      { header: '考试单元', width: 10 },
      { header: '考试日期', width: 12 },
      { header: '时段', width: 8 },
      { header: '考位数', kind: 'integer' },
      { header: '已保存未缴费', kind: 'integer', width: 14 },
      { header: '已缴费', kind: 'integer' },
      { header: '余量', kind: 'integer' },
    ],
    pages: (async function* () {
      yield [...rows, ['合计', null, null, null, null, t.capacity, t.held, t.paid, t.left]];
    })(),
  };
}

/**
 * 试卷订购: one row per county × unit × course with the paid candidates (the papers to order) and the
 * seats already given, then the totals.
 */
export async function papersExport(
  db: Db,
  period: ExamPeriod,
  counties: number[] | null,
  filters: ExportFilters,
): Promise<ExportSource> {
  const scope = filters.countyId ? [filters.countyId] : counties;
  const found = scope && scope.length === 0 ? [] : await paperOrderCounts(db, period.id, scope);
  const rows: Cell[][] = found.map((r) => [
    r.county_name,
    unitLabelOfRow(r),
    r.course_code,
    r.course_name,
    Number(r.paid),
    Number(r.assigned),
  ]);
  const sum = (i: number) => rows.reduce((total, row) => total + Number(row[i]), 0);
  return {
    sheetName: '试卷订购',
    total: rows.length,
    columns: [
      { header: '县（市、区）', width: 16 },
      { header: '考试单元', width: 28 },
      { header: '课程代码', width: 10 },
      { header: '课程名称', width: 24 },
      { header: '已缴费人数', kind: 'integer', width: 12 },
      { header: '已编排座位', kind: 'integer', width: 12 },
    ],
    pages: (async function* () {
      yield [...rows, ['合计', null, null, null, sum(4), sum(5)]];
    })(),
  };
}
