import { z } from 'zod';
import { BOOKING_ITEM_STATES, PAYMENT_ORDER_STATES, REFUND_KINDS, REFUND_STATES } from './domain';

/** Query strings of the admin operations screens (seats, candidates, orders, exports). */

/** An empty query parameter (`?state=`) means "no filter". */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const optionalId = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label}不正确` })
      .int()
      .positive()
      .optional(),
  );

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: `${label}不正确` }).optional());

const searchText = z.preprocess(blankToUndefined, z.string().trim().max(40, '查询内容不能超过40个字符').optional());

/** Paged lists: `page` is 1-based; `pageSize` at most 100. */
export const pageQuery = z.object({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1, '页码不正确').default(1)),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1, '每页条数不正确').max(100, '每页最多100条').default(20),
  ),
});

export const holdsPerMinuteQuery = z.object({
  minutes: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1, '分钟数不正确').max(1440, '最多查看最近1440分钟').default(60),
  ),
});

/** `q`: a 12-digit ticket number (exact), an 18-character ID number (exact) or the start of a name. */
export const candidateSearchQuery = pageQuery.extend({ q: searchText });

export const bookingListQuery = pageQuery.extend({
  periodId: optionalId('考次'),
  countyId: optionalId('县（市、区）'),
  /** The booking's overall state: the most advanced state among its items. */
  state: optionalEnum(BOOKING_ITEM_STATES, '报考状态'),
  q: searchText,
});

export const paymentListQuery = pageQuery.extend({
  periodId: optionalId('考次'),
  state: optionalEnum(PAYMENT_ORDER_STATES, '订单状态'),
  /** Order number, WeChat Pay transaction id, ticket number, ID number or the start of a name. */
  q: searchText,
});

export const refundListQuery = pageQuery.extend({
  periodId: optionalId('考次'),
  kind: optionalEnum(REFUND_KINDS, '退费类型'),
  state: optionalEnum(REFUND_STATES, '退费状态'),
});

/** papers: 试卷订购, paid candidates per county × unit × course, to order exam papers (#14). */
export const EXPORT_KINDS = ['bookings', 'payments', 'seats', 'papers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  bookings: '报考明细',
  payments: '缴费记录',
  seats: '考位情况',
  papers: '试卷订购',
};

/** `/api/admin/exports/:what.:format?periodId=…`; `state` is an item state (bookings) or an order state (payments). */
export const exportQuery = z.object({
  periodId: z.coerce.number({ error: '请选择考次' }).int('请选择考次').positive('请选择考次'),
  countyId: optionalId('县（市、区）'),
  state: z.preprocess(blankToUndefined, z.string().trim().max(16).optional()),
});
