import type {
  CandidateRecords,
  CandidateDetails,
  CandidateSummary,
  CandidateTicket,
  HalfDay,
  OfficialRole,
  QuotaCell,
  SeatRow,
  SeatTotals,
} from '@kaowei/shared';

export type { CandidateSummary, Paged, PaymentException, QuotaCell, RegistrationIdentity } from '@kaowei/shared';

/** Response shapes of the officials' admin API (see /api/admin in the server). */

export interface OfficialInfo {
  username: string;
  name: string;
  role: OfficialRole;
  roleLabel: string;
  cityId: number | null;
  countyId: number | null;
  /** A new or reset account: the admin shows 修改密码 and nothing else until it is changed. */
  mustChangePassword: boolean;
}

export interface LoginResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  official: OfficialInfo;
}

export interface Me extends OfficialInfo {
  id: number;
  cityName: string | null;
  countyName: string | null;
  totpEnabled: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

/** GET /api/captcha: the image is a ready data: URL. */
export interface Captcha {
  captchaId: string;
  image: string;
  expiresAt: string;
}

export interface County {
  id: number;
  code: string;
  name: string;
}

export interface City extends County {
  counties: County[];
}

export interface Period {
  id: number;
  code: string;
  name: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  paymentOpensAt: string;
  paymentClosesAt: string;
  payDailyStart: string;
  payDailyEnd: string;
  dailyReleaseTime: string;
  refundAllowed: boolean;
  refundDeadline: string | null;
  printOpensAt: string | null;
  printClosesAt: string | null;
  feePerCourseFen: number;
  maxCourses: number;
  bookingNotice: string;
  examRules: string | null;
}

export interface ExamUnit {
  id: number;
  code: string;
  examDate: string;
  halfDay: HalfDay;
  startTime: string;
  endTime: string;
}

export interface Offering {
  id: number;
  unitId: number;
  unitCode: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  credits: number | null;
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  errors: Array<{ row: number; column?: string; message: string }>;
}

export interface QuotaGrid {
  units: Array<{ id: number; code: string; examDate: string; halfDay: HalfDay }>;
  counties: Array<{ id: number; code: string; name: string; cityName: string }>;
  cells: QuotaCell[];
}

export interface SeatsView {
  periodId: number;
  refreshedAt: string;
  bookingOpen: boolean;
  rows: SeatRow[];
  totals: SeatTotals;
}

export interface HoldsPerMinute {
  points: Array<{ minute: string; holds: number }>;
}

export interface HistoryEntry {
  from: string | null;
  to: string;
  at: string | null;
  actorType: string;
  actorName: string | null;
  reason: string | null;
}

export interface BookingItemView {
  id: number;
  courseCode: string;
  courseName: string;
  unitCode: string;
  unitLabel?: string;
  state: string;
  stateLabel?: string;
  history?: HistoryEntry[];
}

export interface BookingSummary {
  id: number;
  periodId: number;
  candidateId: number;
  candidateName: string;
  ticketNo: string | null;
  idCardMasked: string;
  countyId: number | null;
  countyName: string | null;
  /** null: the notice was acknowledged but nothing was ever held. */
  state: string | null;
  stateLabel: string;
  items: BookingItemView[];
  amountFen: number;
  paidAt: string | null;
}

export interface PaymentView {
  outTradeNo: string;
  bookingId: number;
  candidateId: number;
  candidateName: string;
  ticketNo: string | null;
  countyName: string | null;
  periodId: number;
  amountFen: number;
  state: string;
  stateLabel: string;
  channel: string | null;
  channelLabel: string | null;
  paidAt: string | null;
  transactionId: string | null;
  createdAt: string | null;
}

export interface RefundView {
  outRefundNo: string;
  outTradeNo: string;
  bookingId: number;
  candidateId: number;
  candidateName: string;
  ticketNo: string | null;
  countyName: string | null;
  periodId: number;
  amountFen: number;
  kind: string;
  kindLabel: string;
  reason: string | null;
  state: string;
  stateLabel: string;
  createdAt: string | null;
  succeededAt: string | null;
}

export interface BookingDetail extends BookingSummary {
  periodCode: string;
  periodName: string;
  noticeAcknowledgedAt: string | null;
  confirmedAt: string | null;
  createdAt: string | null;
  payments: PaymentView[];
  refunds: RefundView[];
}

export interface CandidateDetail {
  candidate: CandidateSummary & CandidateDetails & { gender: string | null; registeredAt: string | null };
  tickets: CandidateTicket[];
  bookings: BookingDetail[];
  payments: PaymentView[];
  refunds: RefundView[];
  /** 合档 links and passed courses (#13). */
  records: CandidateRecords;
}

/** 新生注册 as the office reviews it (shared with the server). */
export type { RegistrationView } from '@kaowei/shared';

export interface ReconcileResult {
  billDate: string;
  differences: Array<Record<string, unknown>>;
}

export interface ReleasePreview {
  periodId: number;
  items: Array<{ countyId: number; unitId: number; items: number }>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorType: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}
