import type { Db } from '../../db/models';
import type { Candidate } from '../accounts/models';
import { assertNoticeAcknowledged, openPeriodAndBooking } from './loadPeriod';
import { placeCourses, placementView } from './placeCourses';

export interface BookingRequest {
  periodId: number;
  countyId: number;
  courseCodes: string[];
}

/** Each code placed in its unit, refusals named per code, and the full units of the county (no writes). */
export async function checkBooking(db: Db, candidate: Candidate, ticketId: number, input: BookingRequest) {
  const { period, booking } = await openPeriodAndBooking(db, candidate.id, input.periodId);
  assertNoticeAcknowledged(booking);
  const result = await placeCourses(db, { period, candidateId: candidate.id, ticketId, ...input });
  return { placements: result.placements.map(placementView), fullUnits: result.fullUnits };
}
