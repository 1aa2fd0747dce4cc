import type { DocumentType, HalfDay, PassedBy, TicketStatus } from '../domain';

/** Answers of the admin API that the server builds and the admin screens read, in one place. */

/** A page of a list: `page` is 1-based. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One (county, unit) of the live seats board. */
export interface SeatRow {
  countyId: number;
  countyName: string;
  cityName: string;
  unitId: number;
  unitCode: string;
  examDate: string;
  halfDay: HalfDay;
  halfDayLabel: string;
  capacity: number;
  /** Held or confirmed, not paid yet: released at the end of the booking day unless paid. */
  held: number;
  /** Paid, or paid and being refunded (the seat is still taken until the refund succeeds). */
  paid: number;
  /** capacity − taken, from the quota row that holding checks. */
  left: number;
  /** Candidates on the unit's waitlist (候补) in the county: the next freed seats go to them first. */
  waiting: number;
}

export interface SeatTotals {
  capacity: number;
  held: number;
  paid: number;
  left: number;
  waiting: number;
}

/** One cell of the quota grid; `quotaId` is null where no quota was set yet (0 seats). */
export interface QuotaCell {
  quotaId: number | null;
  countyId: number;
  unitId: number;
  capacity: number;
  taken: number;
}

/** A candidate as the admin lists show them: ID number and phone masked, never in full. */
export interface CandidateSummary {
  id: number;
  name: string;
  idCardMasked: string;
  phoneMasked: string | null;
  ticketNos: string[];
  /** The county of their latest booking, else their county of registration, else of their latest application. */
  countyName: string | null;
  mustChangePassword: boolean;
}

/** The full ID number of a registration, for the provincial office and the reviewing county only (audited). */
export interface RegistrationIdentity {
  applicationId: number;
  /** 证件类型 of the number (seed 002). */
  documentType: DocumentType;
  documentTypeName: string;
  idCardNo: string;
  birthDate: string;
}

/** A money exception waiting for an official; the candidate is named when the row concerns one of our orders. */
export interface PaymentException {
  id: number;
  kind: string;
  outTradeNo: string | null;
  billDate: string | null;
  ourAmountFen: number | null;
  theirAmountFen: number | null;
  details: unknown;
  createdAt: string;
  countyId: number | null;
  countyName: string | null;
  candidateId: number | null;
  candidateName: string | null;
  /** `138****5678`; never the full number in a list. */
  candidatePhoneMasked: string | null;
}

/** The answer of 变更准考证状态: the ticket's status from now on. */
export interface TicketStatusAnswer {
  ticketNo: string;
  status: TicketStatus;
  statusName: string;
}

/** A ticket on the candidate detail page, whose status its district's officials may change. */
export interface CandidateTicket {
  id: number;
  ticketNo: string;
  majorName: string;
  status: TicketStatus;
  statusName: string;
}

/** One of the two records of a 合档, as the preview shows it (document number masked). */
export interface MergeSide {
  id: number;
  name: string;
  documentTypeName: string;
  idCardMasked: string;
  phoneMasked: string | null;
  ticketNos: string[];
}

/** What a 合档 moves from the other record to the kept one: the ids of each kind of record. */
export interface MergeMoves {
  tickets: number[];
  passedCourses: number[];
  bookings: number[];
  bookingItems: number[];
  paymentOrders: number[];
  waitlistEntries: number[];
  seatAssignments: number[];
  scores: number[];
  certificates: number[];
  ticketReissues: number[];
  applications: number[];
  candidateApplications: number[];
  notifications: number[];
}

/** 合档预览: both records, what would move, and why it cannot be done (empty when it can). */
export interface MergePreview {
  keep: MergeSide;
  other: MergeSide;
  moves: MergeMoves;
  problems: string[];
  /** What the official should know but does not stop the merge (two active tickets for one major). */
  notes: string[];
}

/** 合档's answer: what moved; the other record is closed (merged into the kept one). */
export interface MergeAnswer {
  keptId: number;
  closedId: number;
  moved: MergeMoves;
  /** 'moved' when the other record's phone (or WeChat) went to the kept one, 'freed' when dropped. */
  phone: 'moved' | 'freed' | 'none';
  wechat: 'moved' | 'freed' | 'none';
}

/** A passed course (已合格课程) on the candidate detail page, with the ticket it was passed under. */
export interface PassedCourseRow {
  id: number;
  ticketNo: string;
  courseCode: string;
  courseName: string;
  /** The period as the old system names it ("201904"). */
  periodCode: string;
  score: number | null;
  /** Practical courses: 合格, 优秀, …. */
  grade: string | null;
  passedBy: PassedBy;
  /** 考试, 免考 or 转入. */
  passedByLabel: string;
}

/** The candidate detail's record-keeping part (#13): 合档 links and passed courses. */
export interface CandidateRecords {
  /** Set on a record closed by 合档: the record it was merged into. */
  mergedIntoId: number | null;
  /** Records merged into this one. */
  mergedFrom: Array<{ id: number; name: string; idCardMasked: string }>;
  passedCourses: PassedCourseRow[];
  /** Bookings of the candidate in districts outside the official's (not listed; 0 for the province). */
  bookingsElsewhere: number;
}
