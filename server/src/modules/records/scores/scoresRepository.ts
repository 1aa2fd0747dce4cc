import type { Db } from '../../../db/models';
import { sqlOf, type SqlReader, type SqlTx } from '../../../db/sqlTx';
import { inList, upsert } from '../enrolledImport/enrolledRepository';
import type { ScoreCourse } from './scoreRows';

/** SQL of scores in one place: courses, paid bookings, existing scores and passed courses, upserts. */

export async function loadScoreCourses(db: Db): Promise<Map<string, ScoreCourse>> {
  const rows = await sqlOf(db.sequelize).rows<{ id: number; code: string; pass_score: number }>(
    'SELECT id, code, pass_score FROM courses',
  );
  return new Map(rows.map((r) => [r.code.trim(), { id: r.id, passScore: r.pass_score }]));
}

/** (ticket, course) pairs booked and paid in the period, as "ticketId:courseId". */
export async function paidCourses(sql: SqlReader, periodId: number, ticketIds: number[]): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await sql.rows<{ ticket_id: number; course_id: number }>(
    `SELECT ticket_id, course_id FROM booking_items
      WHERE period_id = ? AND state = 'paid' AND ticket_id IN (${inList(ticketIds.length)})`,
    [periodId, ...ticketIds],
  );
  return new Set(rows.map((r) => `${r.ticket_id}:${r.course_id}`));
}

export interface ScoreRow {
  id: number;
  ticket_id: number;
  course_id: number;
  score: number | null;
  grade: string | null;
  mark: string | null;
  passed: number | boolean;
}

/** The period's scores of these tickets, by "ticketId:courseId". */
export async function scoresOf(sql: SqlReader, periodId: number, ticketIds: number[]): Promise<Map<string, ScoreRow>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await sql.rows<ScoreRow>(
    `SELECT id, ticket_id, course_id, score, grade, mark, passed FROM scores
      WHERE period_id = ? AND ticket_id IN (${inList(ticketIds.length)})`,
    [periodId, ...ticketIds],
  );
  return new Map(rows.map((r) => [`${r.ticket_id}:${r.course_id}`, r]));
}

/** Rows: candidate_id, ticket_id, period_id, course_id, score, grade, mark, passed, import_job_id, created_at, updated_at. */
export function upsertScores(tx: SqlTx, rows: unknown[][]) {
  return upsert(
    tx,
    'scores',
    [
      'candidate_id',
      'ticket_id',
      'period_id',
      'course_id',
      'score',
      'grade',
      'mark',
      'passed',
      'import_job_id',
      'created_at',
      'updated_at',
    ],
    ['ticket_id', 'period_id', 'course_id'],
    ['score', 'grade', 'mark', 'passed', 'import_job_id', 'updated_at'],
    rows,
  );
}

export interface PassedCourseRow {
  id: number;
  ticket_id: number;
  course_id: number;
  period_id: number | null;
  score: number | null;
  grade: string | null;
  passed_by: string;
}

/** The passed courses of these tickets, by "ticketId:courseId". */
export async function passedCoursesOf(sql: SqlReader, ticketIds: number[]): Promise<Map<string, PassedCourseRow>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await sql.rows<PassedCourseRow>(
    `SELECT id, ticket_id, course_id, period_id, score, grade, passed_by FROM passed_courses
      WHERE ticket_id IN (${inList(ticketIds.length)})`,
    ticketIds,
  );
  return new Map(rows.map((r) => [`${r.ticket_id}:${r.course_id}`, r]));
}

/** Rows: ticket_id, course_id, period_code, period_id, score, grade, passed_by, created_at, updated_at. */
export function upsertPassedCourses(tx: SqlTx, rows: unknown[][]) {
  return upsert(
    tx,
    'passed_courses',
    ['ticket_id', 'course_id', 'period_code', 'period_id', 'score', 'grade', 'passed_by', 'created_at', 'updated_at'],
    ['ticket_id', 'course_id'],
    ['period_code', 'period_id', 'score', 'grade', 'passed_by', 'updated_at'],
    rows,
  );
}

export function deletePassedCourses(tx: SqlTx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve();
  return tx.run(`DELETE FROM passed_courses WHERE id IN (${inList(ids.length)})`, ids);
}
