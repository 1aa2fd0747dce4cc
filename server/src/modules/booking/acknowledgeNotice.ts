import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';

/** 报考须知: the candidate's acknowledgement is recorded per period before any hold. */
export async function acknowledgeNotice(db: Db, candidate: Candidate, periodId: number, now = new Date()) {
  const period = await db.models.ExamPeriod.findByPk(periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  await db.models.Booking.bulkCreate(
    [{ candidateId: candidate.id, periodId, countyId: null, noticeAcknowledgedAt: null, confirmedAt: null }],
    { ignoreDuplicates: true },
  );
  const booking = await db.models.Booking.findOne({
    where: { candidateId: candidate.id, periodId },
    rejectOnEmpty: true,
  });
  if (!booking.noticeAcknowledgedAt) await booking.update({ noticeAcknowledgedAt: now });
  return { periodId, acknowledgedAt: booking.noticeAcknowledgedAt };
}
