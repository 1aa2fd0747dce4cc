import type { NoticeAudience } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { assertCountyInScope, scopedCountyIds } from '../../kernel/scope';
import type { Official } from '../accounts/models';

/** A notice's filters, checked against the catalog and the official's districts. */
export interface ResolvedAudience {
  periodId: number;
  periodName: string;
  countyId: number | null;
  unitId: number | null;
  courseId: number | null;
  /** The official's counties (null: the whole province). */
  scope: number[] | null;
}

/**
 * Who a bulk notice may reach: candidates with seats in the period in the official's districts. A county
 * outside them is refused (FORBIDDEN), a unit of another period or an unknown course is a clear error.
 */
export async function resolveAudience(db: Db, official: Official, input: NoticeAudience): Promise<ResolvedAudience> {
  const { ExamPeriod, County, ExamUnit, Course } = db.models;
  const period = await ExamPeriod.findByPk(input.periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  const countyId = input.countyId ?? null;
  if (countyId !== null) {
    if (!(await County.findByPk(countyId))) throw new AppError('NOT_FOUND', { what: '县（市、区）' });
    await assertCountyInScope(db, official, countyId);
  }
  const unitId = input.unitId ?? null;
  if (unitId !== null) {
    const unit = await ExamUnit.findByPk(unitId);
    if (!unit || unit.periodId !== period.id) throw new AppError('NOT_FOUND', { what: '考试单元' });
  }
  let courseId: number | null = null;
  if (input.courseCode) {
    const course = await Course.findOne({ where: { code: input.courseCode } });
    if (!course) throw new AppError('COURSE_NOT_FOUND', { code: input.courseCode });
    courseId = course.id;
  }
  return {
    periodId: period.id,
    periodName: period.name,
    countyId,
    unitId,
    courseId,
    scope: await scopedCountyIds(db, official),
  };
}
