import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { courseCodeSchema, smsCodeSchema } from '../schemas';
import { captchaOnlyBody } from './accounts';

const periodId = z.number({ error: '请选择考次' }).int().positive();

export const noticeAcknowledgementBody = z.object({ periodId });

export const bookingCheckBody = z.object({
  periodId,
  countyId: z.number({ error: '请选择报考县（市、区）' }).int().positive(),
  /** Codes are checked one by one, so a mistyped one is reported by name rather than failing the form. */
  courseCodes: z.array(z.string().trim().max(10)).min(1, '请输入课程代码').max(10, '一次最多输入10门课程'),
});

/** The image captcha is answered once the address has sent many SMS (CAPTCHA_REQUIRED), as for every SMS sent. */
export const holdCodeBody = bookingCheckBody.extend({ dropFull: z.boolean().optional(), ...captchaOnlyBody.shape });
export const holdSeatsBody = bookingCheckBody.extend({ smsCode: smsCodeSchema });
/** Seed 004 三.(1): replacing a held course is confirmed by the same 保存考位 SMS code. */
export const replaceCodeBody = z.object({ courseCode: courseCodeSchema, ...captchaOnlyBody.shape });
export const replaceCourseBody = z.object({ courseCode: courseCodeSchema, smsCode: smsCodeSchema });

export const createPaymentBody = z.object({
  outTradeNo: z.string().min(1).max(32),
  channel: z.enum(['native', 'jsapi'], { error: '请选择支付方式' }),
  /** Seed 004: the candidate types the ID number again before paying. */
  idCardNo: z.string({ error: '请输入证件号码' }).trim().max(18),
});

export const refundRequestBody = z.object({
  outTradeNo: z.string().min(1).max(32),
  reason: z.string().trim().min(2, '请填写退费原因').max(80, '退费原因不能超过80字'),
});

/** How a typed course code stands before holding: placeable, already held, or refused with the reason. */
export interface PlacementView {
  code: string;
  status: 'ok' | 'held' | 'refused';
  courseName?: string;
  unitId?: number;
  unitLabel?: string;
  error?: { code: ErrorCode; message: string };
}

/** A unit with no seat left in the chosen county: the candidate may drop its course and hold the rest. */
export interface FullUnit {
  code: string;
  unitId: number;
  message: string;
}

/** 保存考位 result per course. */
export interface HoldResult extends PlacementView {
  result: 'held' | 'seat_full' | 'refused';
}

/** Why a period's booking takes no more changes: confirmed and awaiting payment (rule 9), or paid (rule 11). */
export type BookingFreezeCode = 'BOOKING_AWAITING_PAYMENT' | 'BOOKING_PAID_REFUND_FIRST';

/**
 * Whether the candidate may still add, replace or drop courses in a period; if not, the refusal those
 * actions would answer, for the page to show instead of offering them.
 */
export type BookingChanges = { allowed: true } | { allowed: false; code: BookingFreezeCode; message: string };

/** A course of `GET /api/catalog/periods/:id/courses`, as the candidate's ticket sees it. */
export interface CatalogCourse {
  code: string;
  name: string;
  /** The plan's credits for the candidate's major, else the course's own. */
  credits: number;
  /** In the course plan of the ticket's major (listed first). */
  ownMajor: boolean;
  /** 已合格: passed under this ticket (by exam, 免考 or 转入); it may still be booked again (seed 002). */
  passed: boolean;
  /** A plan course of a closed major (停考, 过渡期 over): not bookable under this ticket. */
  closedMajor: boolean;
}

/** The ticket's major on the course list: its status, for a notice when it is in 停考过渡期 or closed. */
export interface CatalogTicketMajor {
  code: string;
  name: string;
  status: 'open' | 'transition' | 'closed';
  /** "停考过渡期（至2027年12月31日）" */
  statusText: string;
}
