import type { WaitlistCodeSent } from '@kaowei/shared';
import { sqlOf } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import { activeItems } from '../booking/bookingRepository';
import type { BookingDeps } from '../booking/deps';
import { assertNoticeAcknowledged, openPeriodAndBooking } from '../booking/loadPeriod';
import { placementCatalog } from '../booking/placeCourses';
import { sendHoldCode, type CaptchaFields } from '../booking/sendHoldCode';
import { placeWaitlistCourse } from './placeWaitlistCourse';
import { waitingEntries } from './waitlistRepository';

/**
 * 候补 step one: the course is placed as joining will place it and its unit must be full in the county;
 * then the 保存考位 code goes to the bound phone, as for a hold. Reads only; joining re-checks under locks.
 */
export async function requestWaitlistCode(
  deps: BookingDeps,
  candidate: Candidate,
  ticketId: number,
  input: { periodId: number; countyId: number; courseCode: string } & CaptchaFields,
  ip: string,
): Promise<WaitlistCodeSent> {
  const { db } = deps;
  const { period, booking } = await openPeriodAndBooking(db, candidate.id, input.periodId);
  assertNoticeAcknowledged(booking);
  const sql = sqlOf(db.sequelize);
  const [catalog, active, waiting, ticket] = await Promise.all([
    placementCatalog(db, period.id),
    activeItems(sql, candidate.id, period.id),
    waitingEntries(sql, candidate.id, period.id),
    db.models.Ticket.findByPk(ticketId, { attributes: ['majorId'] }),
  ]);
  const placement = await placeWaitlistCourse(
    { period, countyId: input.countyId, courseCode: input.courseCode, majorId: ticket?.majorId },
    catalog,
    active,
    waiting,
  );
  const unit = placement.unitLabel ?? '';
  const [quota] = await sql.rows<{ capacity: number; taken: number }>(
    'SELECT capacity, taken FROM seat_quotas WHERE period_id = ? AND county_id = ? AND unit_id = ?',
    [period.id, input.countyId, placement.offering.unitId],
  );
  if (!quota) throw new AppError('WAITLIST_NO_QUOTA', { unit });
  if (Number(quota.taken) < Number(quota.capacity)) throw new AppError('WAITLIST_UNIT_NOT_FULL', { unit });
  const sent = await sendHoldCode(deps, candidate, input, ip);
  return { courseCode: placement.code, courseName: placement.courseName ?? '', unitLabel: unit, ...sent };
}
