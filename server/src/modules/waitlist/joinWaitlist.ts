import type { WaitlistEntryView } from '@kaowei/shared';
import { inTransaction } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import { assertAccountUsable, assertTicketActive, type CandidateClaims } from '../accounts/authGuards';
import { readCandidateAccount } from '../accounts/candidateRepository';
import { findPeriod } from '../catalog/catalogRepository';
import { activeItems, lockBooking } from '../booking/bookingRepository';
import { assertBookingOpen } from '../booking/bookingWindow';
import type { BookingDeps } from '../booking/deps';
import { placementCatalog } from '../booking/placeCourses';
import { myWaitlist } from './myWaitlist';
import { placeWaitlistCourse } from './placeWaitlistCourse';
import { insertEntry, lockQuota, waitingEntries } from './waitlistRepository';

/**
 * 候补: joins the line of a unit that is full in the chosen county, confirmed by the 保存考位 SMS code, in
 * one transaction. The booking lock first (as holding), then the quota's seat row: a seat freed meanwhile
 * either went out before (then the unit is not full and joining is refused: hold it) or, freed after, goes
 * to this line. The answer is the entry with its place in line.
 */
export async function joinWaitlist(
  deps: BookingDeps,
  claims: CandidateClaims & { ticketId: number },
  input: { periodId: number; countyId: number; courseCode: string; smsCode: string },
  now = new Date(),
): Promise<WaitlistEntryView> {
  const { db } = deps;
  const period = await findPeriod(db, input.periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  assertBookingOpen(period, now);
  const catalog = await placementCatalog(db, period.id, now);
  if (!(await catalog.countyName(input.countyId))) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });

  const entryId = await inTransaction(
    db.sequelize,
    async (tx) => {
      const [booking, active, waiting, candidate, code] = await Promise.all([
        lockBooking(tx, claims.candidateId, period.id),
        activeItems(tx, claims.candidateId, period.id),
        waitingEntries(tx, claims.candidateId, period.id),
        readCandidateAccount(tx, claims.candidateId, claims.ticketId),
        deps.smsCodes.lockCode(tx, { candidateId: claims.candidateId }, 'hold_seats', now),
      ]);
      assertAccountUsable(candidate, claims);
      assertTicketActive(candidate.ticket);
      if (!booking?.notice_acknowledged_at) throw new AppError('NOTICE_NOT_ACKNOWLEDGED');
      const placement = await placeWaitlistCourse(
        { period, countyId: input.countyId, courseCode: input.courseCode, majorId: candidate.ticket?.majorId },
        catalog,
        active,
        waiting,
      );
      const quotaKey = { periodId: period.id, countyId: input.countyId, unitId: placement.offering.unitId };
      const quota = await lockQuota(tx, quotaKey);
      const unit = placement.unitLabel ?? '';
      if (!quota) throw new AppError('WAITLIST_NO_QUOTA', { unit });
      if (quota.taken < quota.capacity) throw new AppError('WAITLIST_UNIT_NOT_FULL', { unit });

      const attempt = deps.smsCodes.tryCode(
        tx,
        code,
        { phone: candidate.phone!, purpose: 'hold_seats', code: input.smsCode },
        now,
      );
      await attempt.written;
      if (!attempt.matches) throw new AppError('SMS_CODE_INVALID');
      return insertEntry(
        tx,
        {
          ...quotaKey,
          candidateId: claims.candidateId,
          ticketId: claims.ticketId,
          courseId: placement.offering.courseId,
        },
        now,
      );
    },
    { keepRefusals: true },
  );
  const mine = await myWaitlist(db, claims.candidateId);
  return mine.entries.find((e) => e.entryId === entryId)!;
}
