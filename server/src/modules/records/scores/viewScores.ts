import type { ScoreMark, ScoresImportJobView, ScoresImportSummary, ScoresPeriodView, ScoreView } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { ImportJobRow } from '../enrolledImport/importRun';
import { findImportJob, importJobView, latestImportJobs } from '../enrolledImport/viewImportJob';
import { scoresPublished } from '../scoresPublication';
import { SCORES_KIND } from './scoresImport';

export function scoresJobView(job: ImportJobRow): ScoresImportJobView {
  const stored = job.summary as Partial<ScoresImportSummary> | null;
  const { summary: _enrolled, ...view } = importJobView(job);
  return {
    ...view,
    periodId: job.periodId ?? null,
    summary:
      stored?.scores && stored.passedCourses ? { scores: stored.scores, passedCourses: stored.passedCourses } : null,
  };
}

/** 成绩导入任务状态 (province only). */
export async function viewScoresJob(db: Db, official: Official, id: number) {
  return scoresJobView(await findImportJob({ db }, official, id, SCORES_KIND));
}

/** The period's latest scores imports, newest first (province only). */
export async function listScoresJobs(db: Db, official: Official, periodId: number) {
  const jobs = await latestImportJobs({ db }, official, { kind: SCORES_KIND, periodId });
  return { items: jobs.map(scoresJobView) };
}

/** Periods with their publish time and how many scores they hold (province only), newest first. */
export async function listScoresPeriods(db: Db, official: Official, now = new Date()): Promise<ScoresPeriodView[]> {
  assertProvince(official);
  const periods = await db.models.ExamPeriod.findAll({ order: [['bookingOpensAt', 'DESC']] });
  const counts = await db.sequelize.query<{ period_id: number; n: number }>(
    'SELECT period_id, COUNT(*) AS n FROM scores GROUP BY period_id',
    { type: QueryTypes.SELECT },
  );
  const count = new Map(counts.map((c) => [c.period_id, Number(c.n)]));
  return periods.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    scoresPublishAt: p.scoresPublishAt ? p.scoresPublishAt.toISOString() : null,
    published: scoresPublished(p, now),
    scoreCount: count.get(p.id) ?? 0,
    scoreReviewDays: p.scoreReviewDays,
  }));
}

interface ScoreDetailRow {
  id: number;
  ticket_no: string;
  name: string;
  code: string;
  course_name: string;
  period_id: number;
  score: number | null;
  grade: string | null;
  mark: ScoreMark | null;
  passed: number | boolean;
  updated_at: Date;
}

/** Scores with their ticket, candidate and course, as the correction form shows them. */
export async function readScores(db: Db, where: string, params: unknown[]): Promise<ScoreView[]> {
  const rows = await db.sequelize.query<ScoreDetailRow>(
    `SELECT s.id, t.ticket_no, c.name, co.code, co.name AS course_name, s.period_id, s.score, s.grade, s.mark,
            s.passed, s.updated_at
       FROM scores s JOIN tickets t ON t.id = s.ticket_id JOIN candidates c ON c.id = s.candidate_id
       JOIN courses co ON co.id = s.course_id
      WHERE ${where}`,
    { replacements: params, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    id: row.id,
    ticketNo: row.ticket_no,
    candidateName: row.name,
    courseCode: row.code,
    courseName: row.course_name,
    periodId: row.period_id,
    score: row.score,
    grade: row.grade,
    mark: row.mark,
    passed: Boolean(row.passed),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** One score of the period, found by ticket number and course code (province only), for 成绩更正. */
export async function findScore(
  db: Db,
  official: Official,
  query: { periodId: number; ticketNo: string; courseCode: string },
): Promise<ScoreView> {
  assertProvince(official);
  const [score] = await readScores(db, 's.period_id = ? AND t.ticket_no = ? AND co.code = ?', [
    query.periodId,
    query.ticketNo,
    query.courseCode,
  ]);
  if (!score) throw new AppError('NOT_FOUND', { what: '该准考证号本考次此课程的成绩' });
  return score;
}
