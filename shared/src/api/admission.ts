import { z } from 'zod';

// ---- Admission tickets (准考证, issue #14): the candidate's list and the officials' check at the door ----

/** One exam printed on a ticket: a paid course with its seat, or 待编排 (`seat` null) before the assignment. */
export interface TicketExamView {
  unitId: number;
  /** "4月10日（周六）上午 9:00–11:30". */
  unitLabel: string;
  examDate: string;
  courseCode: string;
  courseName: string;
  seat: { venueName: string; venueAddress: string; roomNo: number; seatNo: number } | null;
}

/** Why a period's ticket cannot be printed now; absent when it can. */
export type TicketBlock = 'no_paid_course' | 'not_scheduled' | 'not_open' | 'closed';

export interface TicketPeriodView {
  periodId: number;
  periodName: string;
  /** "{考次}高等教育自学考试准考证". */
  title: string;
  printOpensAt: string | null;
  printClosesAt: string | null;
  printable: boolean;
  block?: TicketBlock;
  /** The reason in words, e.g. "准考证打印时间为 2027年4月3日 09:00 至 2027年4月11日 14:45，尚未开始". */
  reason?: string;
  exams: TicketExamView[];
  /** When the office last reissued this ticket (补发); a ticket printed before it no longer verifies. */
  reissuedAt?: string;
}

export interface MyTicketsView {
  periods: TicketPeriodView[];
}

export const ticketVerifyQuery = z.object({
  token: z.string({ error: '请扫描准考证上的二维码' }).trim().min(10, '二维码内容不正确').max(1000),
});

/** What an official at the door sees after scanning a ticket's QR code. */
export interface TicketVerifyView {
  candidateId: number;
  name: string;
  gender: 'M' | 'F';
  idCardMasked: string;
  ticketNo: string;
  periodName: string;
  /** Admin API URL of the candidate's photo (same token), null when there is none. */
  photoUrl: string | null;
  /** Beijing date the seats below are for. */
  today: string;
  seats: TicketExamView[];
  /** Every exam of the period, for a check on another day. */
  allExams: TicketExamView[];
}

/** 补发准考证: one period of a candidate's ticket as the office sees it, to reissue it after a change. */
export interface CandidateAdmissionTicketView {
  periodId: number;
  periodName: string;
  /** Paid courses printed on it. */
  paidCount: number;
  /** 0 until the first reissue; each reissue voids the QR codes of every earlier print. */
  version: number;
  reissuedAt: string | null;
}

export interface CandidateAdmissionTicketsView {
  periods: CandidateAdmissionTicketView[];
}

/** What a reissue answers: the new version and when. */
export interface TicketReissueAnswer {
  periodId: number;
  version: number;
  reissuedAt: string;
}
