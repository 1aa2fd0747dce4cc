import { PASSED_BY_LABELS, type MyPassedCoursesView } from '@kaowei/shared';
import { sqlOf } from '../../../db/sqlTx';
import type { Db } from '../../../db/models';
import { candidatePassedCourses } from './recordsRepository';
import { visibleAt } from './scoreViews';

/**
 * 已合格课程: every course passed under any of the candidate's tickets, by exam, 免考 or 转入. A course passed by
 * a Kaowei period's score is hidden until that period's scores are published.
 */
export async function myPassedCourses(db: Db, candidateId: number, now = new Date()): Promise<MyPassedCoursesView> {
  const rows = await candidatePassedCourses(sqlOf(db.sequelize), candidateId);
  const visible = await visibleAt(
    db,
    rows.map((r) => r.periodId),
    now,
  );
  return {
    courses: rows
      .filter((r) => visible(r.periodId))
      .map((r) => ({
        ticketNo: r.ticketNo,
        courseCode: r.courseCode,
        courseName: r.courseName,
        credits: r.credits,
        passedBy: r.passedBy,
        passedByLabel: PASSED_BY_LABELS[r.passedBy],
        periodCode: r.periodCode,
        score: r.score,
        grade: r.grade,
      })),
  };
}
