import type { TransferInForm } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import { sqlOf, sqlTxOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { activeTicketForMajor } from '../../accounts/candidateRepository';
import type { Ticket } from '../../accounts/models';
import { nextTicketNo } from '../../accounts/registration/reviewRegistration';
import { passedCoursesOf, upsertPassedCourses } from '../../records/scores/scoresRepository';
import type { ApplicationsDeps } from '../applicationsDeps';
import type { EffectContext, EffectResult } from '../kinds';
import { assertActiveFor } from './activeTicket';

/**
 * Where the courses go: the signed-in ticket when the form names its major (or none), else the candidate's
 * 有效 ticket of the named major, else none yet (approval opens one). Then each course: listed once, known,
 * and not passed under that ticket already.
 */
async function transferPlan(deps: ApplicationsDeps, ticketId: number, form: TransferInForm, transaction?: Transaction) {
  const { db } = deps;
  const lock = transaction && { transaction, lock: transaction.LOCK.UPDATE };
  const current = await db.models.Ticket.findByPk(ticketId, { ...lock, rejectOnEmpty: true });
  const major = form.majorCode
    ? await db.models.Major.findOne({ where: { code: form.majorCode }, transaction })
    : await db.models.Major.findByPk(current.majorId, { transaction });
  if (!major) throw new AppError('MAJOR_NOT_FOUND', { code: form.majorCode ?? '' });
  let target: Ticket | null =
    major.id === current.majorId ? current : await activeTicketForMajor(db, current.candidateId, major.id, transaction);
  if (target) target = assertActiveFor(target, 'transfer_in');
  const sql = transaction ? sqlTxOf(db.sequelize, transaction) : sqlOf(db.sequelize);
  const passed = target ? await passedCoursesOf(sql, [target.id]) : new Map();
  const seen = new Set<string>();
  const courses = [];
  for (const listed of form.courses) {
    if (seen.has(listed.courseCode)) throw new AppError('TRANSFER_COURSE_REPEATED', { code: listed.courseCode });
    seen.add(listed.courseCode);
    const course = await db.models.Course.findOne({ where: { code: listed.courseCode }, transaction });
    if (!course) throw new AppError('COURSE_NOT_FOUND', { code: listed.courseCode });
    if (target && passed.has(`${target.id}:${course.id}`)) {
      throw new AppError('TRANSFER_COURSE_ALREADY_PASSED', { code: listed.courseCode });
    }
    courses.push({ ...listed, course });
  }
  return { current, major, target, courses };
}

/** 提交: the major known, the courses known, listed once and not passed yet. */
export async function checkTransferIn(deps: ApplicationsDeps, ticketId: number, form: unknown) {
  await transferPlan(deps, ticketId, form as TransferInForm);
}

/**
 * 转入 approved (province): the courses become passed under the ticket of the major, by 转入, with the
 * period and score the other province certified; a candidate without a 有效 ticket of that major gets one
 * (numbered as a registration's).
 */
export async function transferInEffect({ deps, application, transaction, now }: EffectContext): Promise<EffectResult> {
  const form = application.form as TransferInForm;
  const plan = await transferPlan(deps, application.ticketId, form, transaction);
  const ticket =
    plan.target ??
    (await deps.db.models.Ticket.create(
      {
        ticketNo: await nextTicketNo(deps, now, transaction),
        candidateId: plan.current.candidateId,
        majorId: plan.major.id,
      },
      { transaction },
    ));
  await upsertPassedCourses(
    sqlTxOf(deps.db.sequelize, transaction),
    plan.courses.map((c) => [ticket.id, c.course.id, c.periodCode, null, c.score, null, 'transfer', now, now]),
  );
  return {
    before: { ticketNo: plan.target?.ticketNo ?? null, passed: [] },
    after: {
      ticketNo: ticket.ticketNo,
      newTicket: plan.target === null,
      majorCode: plan.major.code,
      majorName: plan.major.name,
      fromProvince: form.fromProvince,
      fromTicketNo: form.fromTicketNo,
      passed: plan.courses.map((c) => ({
        courseCode: c.course.code,
        courseName: c.course.name,
        periodCode: c.periodCode,
        score: c.score,
        passedBy: 'transfer',
      })),
    },
  };
}
