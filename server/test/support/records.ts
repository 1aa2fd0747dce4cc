import { randomBytes } from 'node:crypto';
import type { PassedBy, ScoreMark } from '@kaowei/shared';
import type { Db } from '../../src/db/models';
import { randomPhone } from './apiClient';
import { insertCandidateWithTicket, insertCourses } from './fixtures';

const DAY = 86_400_000;

/**
 * Two exam periods (older first) whose scores publish at the given times, a major whose plan has two
 * required courses (4 credits each, one of them 6 in the plan) and two electives, and a candidate holding a
 * ticket for it. Score and passed rows are inserted directly: the import and publishing are other work.
 */
export async function insertRecordsWorld(db: Db, publishAt: [Date | null, Date | null]) {
  const m = db.models;
  const tag = randomBytes(3).toString('hex');
  const periods = [];
  for (const [i, at] of publishAt.entries()) {
    const opens = Date.now() - (400 - i * 180) * DAY;
    periods.push(
      await m.ExamPeriod.create({
        code: `R${tag}${i}`,
        name: `成绩考次${tag}${i}`,
        bookingOpensAt: new Date(opens),
        bookingClosesAt: new Date(opens + 10 * DAY),
        paymentOpensAt: new Date(opens),
        paymentClosesAt: new Date(opens + 11 * DAY),
        feePerCourseFen: 3500,
        maxCourses: 4,
        bookingNotice: '报考须知',
        scoresPublishAt: at,
      }),
    );
  }
  const courses = await insertCourses(db, 5);
  const major = await m.Major.create({ code: `R${tag}`, name: `汉语言文学${tag}`, level: '本科' });
  await m.MajorCourse.bulkCreate([
    { majorId: major.id, courseId: courses[0]!.id, required: true, credits: null },
    { majorId: major.id, courseId: courses[1]!.id, required: true, credits: 6 },
    { majorId: major.id, courseId: courses[2]!.id, required: false, credits: null },
    { majorId: major.id, courseId: courses[3]!.id, required: false, credits: null, practical: true },
  ]);
  const candidate = await insertCandidateWithTicket(db, 'records', { phone: randomPhone(), password: 'Pass2027word' });
  await m.Ticket.update({ majorId: major.id }, { where: { id: candidate.ticketId } });
  db.catalog.invalidate();
  return { periods, courses, major, candidate };
}

export async function insertScore(
  db: Db,
  row: { candidateId: number; ticketId: number; periodId: number; courseId: number },
  result: { score?: number; grade?: string; mark?: ScoreMark; passed: boolean },
) {
  await db.models.Score.create({ ...row, ...result });
}

export async function insertPassed(
  db: Db,
  row: { ticketId: number; courseId: number; periodCode: string; periodId?: number | null },
  passedBy: PassedBy,
  result: { score?: number; grade?: string } = {},
) {
  await db.models.PassedCourse.create({ ...row, ...result, passedBy });
}
