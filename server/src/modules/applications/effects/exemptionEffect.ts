import type { ExemptionForm } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { sqlOf, sqlTxOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';
import { passedCoursesOf, upsertPassedCourses } from '../../records/scores/scoresRepository';
import type { ApplicationsDeps } from '../applicationsDeps';
import type { EffectContext, EffectResult } from '../kinds';

/** The course, known, within the plan of the ticket's major, and not passed under the ticket yet. */
async function courseToExempt(db: Db, ticketId: number, courseCode: string, transaction?: Transaction) {
  const course = await db.models.Course.findOne({ where: { code: courseCode }, transaction });
  if (!course) throw new AppError('COURSE_NOT_FOUND', { code: courseCode });
  const ticket = await db.models.Ticket.findByPk(ticketId, { transaction, rejectOnEmpty: true });
  const inPlan = await db.models.MajorCourse.findOne({
    where: { majorId: ticket.majorId, courseId: course.id },
    transaction,
  });
  if (!inPlan) {
    const major = await db.models.Major.findByPk(ticket.majorId, { transaction, rejectOnEmpty: true });
    throw new AppError('COURSE_NOT_IN_PLAN', { code: courseCode, major: major.name });
  }
  const sql = transaction ? sqlTxOf(db.sequelize, transaction) : sqlOf(db.sequelize);
  const passed = await passedCoursesOf(sql, [ticketId]);
  if (passed.has(`${ticketId}:${course.id}`)) throw new AppError('COURSE_ALREADY_PASSED', { code: courseCode });
  return course;
}

/** 提交: the course exists, is in the plan of the ticket's major, and is not passed under the ticket yet. */
export async function checkExemption(deps: ApplicationsDeps, ticketId: number, form: unknown) {
  await courseToExempt(deps.db, ticketId, (form as ExemptionForm).courseCode);
}

/**
 * 免考 approved: the course is passed under the ticket, by exemption, in the month of the approval (the
 * window's period when it had one); it shows in 已合格课程 at once (no period's publication to wait for).
 */
export async function exemptionEffect({ deps, application, transaction, now }: EffectContext): Promise<EffectResult> {
  const { courseCode } = application.form as ExemptionForm;
  const course = await courseToExempt(deps.db, application.ticketId, courseCode, transaction);
  const period = application.periodId
    ? await deps.db.models.ExamPeriod.findByPk(application.periodId, { transaction })
    : null;
  const periodCode = period?.code ?? beijingDateString(now).slice(0, 7).replace('-', '');
  await upsertPassedCourses(sqlTxOf(deps.db.sequelize, transaction), [
    [application.ticketId, course.id, periodCode, null, null, null, 'exempt', now, now],
  ]);
  return {
    before: { courseCode, passed: false },
    after: { courseCode, courseName: course.name, passed: true, passedBy: 'exempt', periodCode },
  };
}
