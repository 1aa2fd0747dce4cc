import { effectiveMajorStatus } from '@kaowei/shared';
import type { CatalogMajor } from './catalogCache';

/**
 * Booking under a ticket of a closed major (停考, its 过渡期 over): the courses of that major's own plan are
 * no longer examined for it, so they are refused; courses outside the plan stay bookable as for anyone
 * (seed 003: candidates may book other majors' courses). Returns the closed major when `courseId` is
 * refused, else null. Reads only the cached catalogue.
 */
export function closedPlanMajor(
  majors: ReadonlyMap<number, CatalogMajor>,
  majorId: number | null | undefined,
  courseId: number,
  today: string,
): CatalogMajor | null {
  const major = majorId ? majors.get(majorId) : undefined;
  if (!major || !major.planCourseIds.has(courseId)) return null;
  return effectiveMajorStatus(major, today) === 'closed' ? major : null;
}
