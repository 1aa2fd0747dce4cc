import type { GraduationProgressView, MyProgressView, ProgressCourseView } from '@kaowei/shared';
import { readTogether, sqlOf } from '../../../db/sqlTx';
import type { Db } from '../../../db/models';
import {
  candidateTicketsWithMajor,
  planAgainstPassed,
  ticketWithMajor,
  type TicketMajorRecord,
} from './recordsRepository';
import { visibleAt } from './scoreViews';

/**
 * 毕业进度 of one ticket: its major's course plan (major_courses) against the courses passed under the ticket
 * (passed ones of an unpublished period do not count yet).
 *
 * The rule: majors carry no credit total of their own, so the credits needed are the sum of the plan's
 * required courses' credits (the plan's credits for the course, else the course's). The credits earned are
 * those of every passed course of the plan, required or elective; courses outside the plan do not count.
 * Complete: no required course missing and the credits earned reach the credits needed.
 *
 * Null when the ticket does not exist. 毕业申请 (#16) calls this with its own clock.
 */
export async function graduationProgress(
  db: Db,
  ticketId: number,
  now = new Date(),
): Promise<GraduationProgressView | null> {
  const [ticket, plan] = await readTogether(db.sequelize, (sql) =>
    Promise.all([ticketWithMajor(sql, ticketId), planAgainstPassed(sql, ticketId)]),
  );
  return ticket ? progressOf(db, ticket, plan, now) : null;
}

async function progressOf(
  db: Db,
  ticket: TicketMajorRecord,
  plan: Awaited<ReturnType<typeof planAgainstPassed>>,
  now: Date,
): Promise<GraduationProgressView> {
  const visible = await visibleAt(
    db,
    plan.flatMap((c) => c.passedPeriodIds),
    now,
  );
  const view = (c: (typeof plan)[number]): ProgressCourseView => ({
    courseCode: c.courseCode,
    courseName: c.courseName,
    credits: c.credits,
    required: c.required,
    practical: c.practical,
  });
  const passed = plan.filter((c) => c.passedPeriodIds.some(visible));
  const requiredMissing = plan.filter((c) => c.required && !passed.includes(c));
  const creditsEarned = passed.reduce((sum, c) => sum + c.credits, 0);
  const creditsNeeded = plan.filter((c) => c.required).reduce((sum, c) => sum + c.credits, 0);
  return {
    ticketNo: ticket.ticketNo,
    majorCode: ticket.majorCode,
    majorName: ticket.majorName,
    majorLevel: ticket.majorLevel,
    requiredMissing: requiredMissing.map(view),
    requiredPassed: passed.filter((c) => c.required).map(view),
    electivesPassed: passed.filter((c) => !c.required).map(view),
    creditsEarned,
    creditsNeeded,
    complete: plan.length > 0 && requiredMissing.length === 0 && creditsEarned >= creditsNeeded,
  };
}

/** 毕业进度 of each of the candidate's tickets. */
export async function graduationProgressOfCandidate(
  db: Db,
  candidateId: number,
  now = new Date(),
): Promise<MyProgressView> {
  const sql = sqlOf(db.sequelize);
  const tickets = await candidateTicketsWithMajor(sql, candidateId);
  const plans = await Promise.all(tickets.map((t) => planAgainstPassed(sql, t.ticketId)));
  return { tickets: await Promise.all(tickets.map((t, i) => progressOf(db, t, plans[i]!, now))) };
}
