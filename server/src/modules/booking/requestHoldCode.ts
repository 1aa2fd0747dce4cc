import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import type { BookingRequest } from './checkBooking';
import type { BookingDeps } from './deps';
import { assertNoticeAcknowledged, openPeriodAndBooking } from './loadPeriod';
import { placeCourses, placementView } from './placeCourses';
import { sendHoldCode, type CaptchaFields } from './sendHoldCode';

/**
 * Rule 6: asking for the SMS code re-checks seats. With full units the answer lists them and
 * nothing is sent, unless the candidate agreed to drop those courses; then the code is sent for
 * the rest, and the answer names the codes it covers.
 */
export async function requestHoldCode(
  deps: BookingDeps,
  candidate: Candidate,
  ticketId: number,
  input: BookingRequest & { dropFull?: boolean } & CaptchaFields,
  ip: string,
) {
  const { period, booking } = await openPeriodAndBooking(deps.db, candidate.id, input.periodId);
  assertNoticeAcknowledged(booking);
  const { placements, fullUnits } = await placeCourses(deps.db, {
    period,
    candidateId: candidate.id,
    ticketId,
    ...input,
  });
  if (fullUnits.length > 0 && !input.dropFull) {
    throw new AppError('SEATS_FULL_CONFIRM', { list: fullUnits.map((f) => f.message).join('；') }, { fullUnits });
  }
  const full = new Set(fullUnits.map((f) => f.code));
  const courseCodes = placements.filter((p) => p.status === 'ok' && !full.has(p.code)).map((p) => p.code);
  if (courseCodes.length === 0)
    throw new AppError('NOTHING_TO_HOLD', {}, { placements: placements.map(placementView), fullUnits });
  return { courseCodes, dropped: [...full], ...(await sendHoldCode(deps, candidate, input, ip)) };
}
