import { errorMessage, type HoldResult } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import type { BookingRequest } from './checkBooking';
import type { BookingDeps } from './deps';
import { holdItem } from './holdItem';
import { assertNoticeAcknowledged, openPeriodAndBooking } from './loadPeriod';
import { placeCourses, placementView } from './placeCourses';

/**
 * 保存考位: the SMS code proves the candidate, then every placeable course takes its seat
 * independently. The answer says per course: held, seat full, or refused (with the reason).
 * What was held before is never touched by a failure here.
 */
export async function holdSeats(
  deps: BookingDeps,
  candidate: Candidate,
  ticketId: number,
  input: BookingRequest & { smsCode: string },
) {
  const { period, booking } = await openPeriodAndBooking(deps.db, candidate.id, input.periodId);
  assertNoticeAcknowledged(booking);
  const { placements, countyName } = await placeCourses(deps.db, { period, candidateId: candidate.id, ...input });
  if (!placements.some((p) => p.status === 'ok')) {
    throw new AppError('NOTHING_TO_HOLD', {}, { placements: placements.map(placementView) });
  }
  await deps.smsCodes.consume(candidate.phone!, 'hold_seats', input.smsCode);

  const results: HoldResult[] = [];
  for (const placement of placements) {
    const view = placementView(placement);
    if (placement.status !== 'ok') {
      results.push({ ...view, result: placement.status === 'held' ? ('held' as const) : ('refused' as const) });
      continue;
    }
    const outcome = await holdItem(deps.db, {
      bookingId: booking.id,
      candidateId: candidate.id,
      ticketId,
      periodId: period.id,
      countyId: input.countyId,
      unitId: placement.offering!.unitId,
      courseId: placement.offering!.courseId,
    });
    if (outcome === 'held') results.push({ ...view, result: 'held' as const });
    else if (outcome === 'seat_full') {
      const message = errorMessage('SEAT_FULL', {
        county: countyName,
        unit: placement.unitLabel!,
        course: `${placement.code} ${placement.courseName}`,
      });
      results.push({ ...view, result: 'seat_full' as const, error: { code: 'SEAT_FULL' as const, message } });
    } else {
      const message = errorMessage('COURSE_UNIT_CONFLICT', { code: placement.code, other: '已保存的课程' });
      results.push({ ...view, result: 'refused' as const, error: { code: 'COURSE_UNIT_CONFLICT' as const, message } });
    }
  }
  return { items: results };
}
