import type { Db } from '../../db/models';
import type { Candidate } from '../accounts/models';
import { openPeriodAndBooking } from './loadPeriod';

/** 报考须知: the candidate's acknowledgement is recorded per period before any hold. */
export async function acknowledgeNotice(db: Db, candidate: Candidate, periodId: number, now = new Date()) {
  const { booking } = await openPeriodAndBooking(db, candidate.id, periodId, now);
  if (!booking.noticeAcknowledgedAt) await booking.update({ noticeAcknowledgedAt: now });
  return { periodId, acknowledgedAt: booking.noticeAcknowledgedAt };
}
