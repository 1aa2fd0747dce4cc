import { z } from 'zod';
import { courseCodeSchema, smsCodeSchema } from '../schemas';
import { captchaOnlyBody } from './accounts';

/** 候补 (#17): one course of a unit that is full in the chosen county. */
const waitlistTarget = {
  periodId: z.number({ error: '请选择考次' }).int().positive(),
  countyId: z.number({ error: '请选择报考县（市、区）' }).int().positive(),
  courseCode: courseCodeSchema,
};

/** The 保存考位 SMS code confirms joining a waitlist, as it confirms a hold. */
export const waitlistCodeBody = z.object({ ...waitlistTarget, ...captchaOnlyBody.shape });
export const joinWaitlistBody = z.object({ ...waitlistTarget, smsCode: smsCodeSchema });

export type WaitlistState = 'waiting' | 'offered' | 'left' | 'expired' | 'closed';

export const WAITLIST_STATE_LABELS: Record<WaitlistState, string> = {
  waiting: '候补中',
  offered: '已候补成功',
  left: '已退出候补',
  expired: '逾期未缴费，考位已转给下一位',
  closed: '候补已结束',
};

/** A candidate's waitlist entry as 我的候补 and the 报考 page show it. */
export interface WaitlistEntryView {
  entryId: number;
  periodId: number;
  periodName: string;
  countyName: string;
  unitLabel: string;
  courseCode: string;
  courseName: string;
  state: WaitlistState;
  stateLabel: string;
  joinedAt: string;
  /** 1 for the first in line; null once the entry no longer waits. */
  position: number | null;
  /** The held item a freed seat became, and until when it must be paid. */
  offeredItemId: number | null;
  payBy: string | null;
  endReason: string | null;
}

export interface MyWaitlist {
  entries: WaitlistEntryView[];
}

/** The answer to a waitlist code request: the phone it went to, and the course it is for. */
export interface WaitlistCodeSent {
  courseCode: string;
  courseName: string;
  unitLabel: string;
  phoneMasked: string;
  resendAfterSeconds: number;
}
