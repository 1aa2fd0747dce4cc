import type {
  BookingChanges,
  BookingItemState,
  CatalogCourse,
  CatalogTicketMajor,
  FullUnit,
  HoldResult,
  PaymentOrderState,
  MyWaitlist,
  PlacementView,
  WaitlistCodeSent,
  WaitlistEntryView,
} from '@kaowei/shared';
import type { CaptchaValue } from '../components/CaptchaField';
import { request } from '../services/request';
import type { JsapiPayParams } from '../platform/wechat';

export type { FullUnit, HoldResult, WaitlistEntryView } from '@kaowei/shared';

/** Answers of the catalog, booking and payment APIs, as the mini-program reads them. */

export interface PeriodUnit {
  unitId: number;
  code: string;
  label: string;
}

export interface CurrentPeriod {
  periodId: number;
  name: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  bookingOpen: boolean;
  paymentOpensAt: string;
  paymentClosesAt: string;
  payDailyHours: string;
  dailyReleaseTime: string;
  refundAllowed: boolean;
  refundDeadline: string | null;
  printOpensAt?: string | null;
  printClosesAt?: string | null;
  feePerCourseFen: number;
  feePerCourseYuan: string;
  maxCourses: number;
  bookingNotice: string;
  units: PeriodUnit[];
}

export interface City {
  cityId: number;
  name: string;
  counties: Array<{ countyId: number; name: string }>;
}

export interface UnitCourses extends PeriodUnit {
  courses: CatalogCourse[];
}

/** 查看开考课程: the ticket's major (with its 停考 status) and the offered courses by unit. */
export interface CourseList {
  major: CatalogTicketMajor | null;
  units: UnitCourses[];
}

export interface SeatsLeft {
  countyId: number;
  unitId: number;
  capacity: number;
  left: number;
}

export interface MyItem {
  itemId: number;
  courseCode: string;
  courseName: string;
  unitLabel: string;
  countyName: string;
  state: BookingItemState;
  stateLabel: string;
  paymentOrderId: number | null;
  /** A seat given from the waitlist (候补): it goes to the next in line unless paid by then. */
  payBy: string | null;
  history: Array<{ from: string | null; to: string; at: string; by: string; reason: string | null }>;
}

export interface MyOrder {
  outTradeNo: string;
  amountFen: number;
  amountYuan: string;
  state: PaymentOrderState;
  /** The booking's county: its office settles a refund WeChat Pay could not make. */
  countyName: string | null;
  refunds: Array<{ state: string; kind: string; reason: string }>;
}

export interface MyPeriod {
  periodId: number;
  periodName: string;
  countyName: string;
  unpaidReleaseAt: string | null;
  /** Whether courses may still be added, replaced or dropped; if not, why (pay first, or refund first). */
  changes: BookingChanges;
  items: MyItem[];
  orders: MyOrder[];
}

export type PaymentAnswer =
  | { outTradeNo: string; amountYuan: string; channel: 'native'; codeUrl: string; qrCode: string; expiresAt: string }
  | { outTradeNo: string; amountYuan: string; channel: 'jsapi'; requestPayment: JsapiPayParams; expiresAt: string };

export const bookingApi = {
  currentPeriod: (quiet = false) => request<CurrentPeriod>('/api/catalog/current-period', { quiet }),
  cities: () => request<{ cities: City[] }>('/api/catalog/cities').then((a) => a.cities),
  courseList: (periodId: number) => request<CourseList>(`/api/catalog/periods/${periodId}/courses`),
  courses: (periodId: number) => bookingApi.courseList(periodId).then((a) => a.units),
  seats: (periodId: number, countyId: number) =>
    request<{ seats: SeatsLeft[] }>(`/api/catalog/periods/${periodId}/seats?countyId=${countyId}`).then((a) => a.seats),
  acknowledge: (periodId: number) =>
    request('/api/booking/notice-acknowledgements', { method: 'POST', data: { periodId } }),
  check: (body: { periodId: number; countyId: number; courseCodes: string[] }) =>
    request<{ placements: PlacementView[]; fullUnits: FullUnit[] }>('/api/booking/check', {
      method: 'POST',
      data: body,
    }),
  /** A seat taken meanwhile answers SEATS_FULL_CONFIRM, which the page turns into the dialog (so no toast for it). */
  holdCode: (body: { periodId: number; countyId: number; courseCodes: string[]; dropFull?: boolean } & CaptchaValue) =>
    request<{ courseCodes: string[]; dropped: string[]; phoneMasked: string; resendAfterSeconds: number }>(
      '/api/booking/hold-code',
      { method: 'POST', data: body, quietCodes: ['SEATS_FULL_CONFIRM'] },
    ),
  hold: (body: { periodId: number; countyId: number; courseCodes: string[]; smsCode: string }) =>
    request<{ items: HoldResult[] }>('/api/booking/holds', { method: 'POST', data: body, quiet: true }),
  replaceCode: (itemId: number, body: { courseCode: string } & CaptchaValue) =>
    request<{ phoneMasked: string; resendAfterSeconds: number }>(`/api/booking/items/${itemId}/replace-code`, {
      method: 'POST',
      data: body,
    }),
  replace: (itemId: number, body: { courseCode: string; smsCode: string }) =>
    request(`/api/booking/items/${itemId}/replace`, { method: 'POST', data: body }),
  drop: (itemId: number) => request(`/api/booking/items/${itemId}`, { method: 'DELETE' }),
  confirm: (periodId: number) =>
    request<{ outTradeNo: string; amountYuan: string; courses: number }>('/api/booking/confirm', {
      method: 'POST',
      data: { periodId },
    }),
  mine: () => request<{ periods: MyPeriod[] }>('/api/booking/mine').then((a) => a.periods),
  /** Quiet: the 缴费 page shows the refusal under the ID field (a toast would cover it). */
  pay: (body: { outTradeNo: string; channel: 'native' | 'jsapi'; idCardNo: string }) =>
    request<PaymentAnswer>('/api/payments', { method: 'POST', data: body, quiet: true }),
  order: (outTradeNo: string) =>
    request<{ outTradeNo: string; state: PaymentOrderState; amountFen: number; paidAt: string | null }>(
      `/api/payments/${outTradeNo}`,
      { quiet: true },
    ),
  waitlistCode: (body: { periodId: number; countyId: number; courseCode: string } & CaptchaValue) =>
    request<WaitlistCodeSent>('/api/booking/waitlist/code', { method: 'POST', data: body }),
  joinWaitlist: (body: { periodId: number; countyId: number; courseCode: string; smsCode: string }) =>
    request<WaitlistEntryView>('/api/booking/waitlist', { method: 'POST', data: body }),
  waitlist: () => request<MyWaitlist>('/api/booking/waitlist').then((a) => a.entries),
  leaveWaitlist: (entryId: number) => request(`/api/booking/waitlist/${entryId}`, { method: 'DELETE' }),
  refund: (outTradeNo: string, reason: string) =>
    request<{ state: 'refunded' | 'refunding' }>('/api/payments/refunds', {
      method: 'POST',
      data: { outTradeNo, reason },
    }),
};
