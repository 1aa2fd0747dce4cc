import type { ExamPeriod } from '../catalog/models';
import { AppError } from '../../http/errors';
import type { ActiveItem } from '../booking/bookingRepository';
import { placeCodes, type Placement, type PlacementCatalog } from '../booking/placeCourses';
import type { WaitingEntry } from './waitlistRepository';

/**
 * Joining rules before the seat is looked at: the course placed as holding places it (rules 3–5, 9, 11:
 * county, unit, course limit, frozen booking), counting the candidate's waiting entries like held courses;
 * one waiting entry per unit and all in one county.
 */
export async function placeWaitlistCourse(
  input: { period: ExamPeriod; countyId: number; courseCode: string; majorId?: number | null },
  catalog: PlacementCatalog,
  active: ActiveItem[],
  waiting: WaitingEntry[],
): Promise<Placement & { offering: NonNullable<Placement['offering']> }> {
  const elsewhere = waiting.find((w) => w.county_id !== input.countyId);
  if (elsewhere) throw new AppError('COUNTY_CONFLICT', { county: await catalog.countyName(elsewhere.county_id) });
  // Waiting entries stand in for held courses of their units: the same unit and the course limit count them.
  const standIns: ActiveItem[] = waiting.map((w) => ({
    id: 0,
    state: 'held',
    countyId: w.county_id,
    unitId: w.unit_id,
    courseId: 0,
    courseCode: '候补',
    paymentOrderId: null,
  }));
  const [placement] = await placeCodes({ ...input, courseCodes: [input.courseCode] }, catalog, [
    ...active,
    ...standIns,
  ]);
  if (placement!.status === 'held') throw new AppError('COURSE_ALREADY_HELD', { code: placement!.code });
  if (placement!.status === 'refused') {
    const onWaitlist = waiting.some((w) => w.unit_id === placement!.unitId);
    if (onWaitlist && placement!.error?.code === 'COURSE_UNIT_CONFLICT')
      throw new AppError('WAITLIST_ALREADY_IN_UNIT', { unit: placement!.unitLabel ?? '' });
    throw new AppError('WAITLIST_COURSE_REFUSED', { reason: placement!.error?.message ?? '' });
  }
  return placement as Placement & { offering: NonNullable<Placement['offering']> };
}
