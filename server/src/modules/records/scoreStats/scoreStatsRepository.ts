import { SCORE_BANDS } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { Conditions, select } from '../../../kernel/sqlParts';

/** Which score rows and bookings an official counts: the period, maybe one course, their counties. */
export interface StatsScope {
  periodId: number;
  courseId?: number;
  /** null: the province, every row. */
  counties: number[] | null;
}

/**
 * A score row belongs to the county where its ticket booked and paid for the course that period (the
 * score import only takes such rows); the province also counts rows without one.
 */
function scoreConditions(scope: StatsScope): Conditions {
  const where = new Conditions().add('s.period_id = ?', scope.periodId);
  if (scope.courseId) where.add('s.course_id = ?', scope.courseId);
  if (scope.counties) {
    const inCounty = new Conditions().counties('bi.county_id', scope.counties);
    where.add(
      `EXISTS (SELECT 1 FROM booking_items bi
                WHERE bi.ticket_id = s.ticket_id AND bi.period_id = s.period_id AND bi.course_id = s.course_id
                  AND bi.state = 'paid' AND ${inCounty.sql})`,
      ...inCounty.replacements,
    );
  }
  return where;
}

/** 0–9 → 0 … 90–100 → 9, written as CASE so MySQL and SQLite agree. */
const bandCase = `CASE ${SCORE_BANDS.slice(1)
  .map((_, i) => `WHEN s.score >= ${(SCORE_BANDS.length - 1 - i) * 10} THEN ${SCORE_BANDS.length - 1 - i}`)
  .join(' ')} ELSE 0 END`;

export interface CourseCounts {
  course_id: number;
  code: string;
  name: string;
  booked: number;
  sat: number;
  passed: number;
}

/** Per course of the period: tickets booked and paid, score rows not 缺考, passes. */
export async function courseCounts(db: Db, scope: StatsScope): Promise<CourseCounts[]> {
  const bookings = new Conditions()
    .add('bi.period_id = ?', scope.periodId)
    .add("bi.state = 'paid'")
    .counties('bi.county_id', scope.counties);
  if (scope.courseId) bookings.add('bi.course_id = ?', scope.courseId);
  const scores = scoreConditions(scope);
  const rows = await select<CourseCounts>(
    db,
    `SELECT c.id AS course_id, c.code, c.name, COALESCE(b.booked, 0) AS booked, COALESCE(r.sat, 0) AS sat,
            COALESCE(r.passed, 0) AS passed
       FROM courses c
       LEFT JOIN (SELECT bi.course_id, COUNT(DISTINCT bi.ticket_id) AS booked FROM booking_items bi
                   WHERE ${bookings.sql} GROUP BY bi.course_id) b ON b.course_id = c.id
       LEFT JOIN (SELECT s.course_id,
                         SUM(CASE WHEN s.mark IS NULL OR s.mark <> 'absent' THEN 1 ELSE 0 END) AS sat,
                         SUM(CASE WHEN s.passed = 1 THEN 1 ELSE 0 END) AS passed
                    FROM scores s WHERE ${scores.sql} GROUP BY s.course_id) r ON r.course_id = c.id
      WHERE b.course_id IS NOT NULL OR r.course_id IS NOT NULL
      ORDER BY c.code`,
    [...bookings.replacements, ...scores.replacements],
  );
  return rows.map((r) => ({ ...r, booked: Number(r.booked), sat: Number(r.sat), passed: Number(r.passed) }));
}

/** How many numeric scores fall in each band, per course. */
export async function bandCounts(db: Db, scope: StatsScope): Promise<Map<number, number[]>> {
  const where = scoreConditions(scope).add('s.score IS NOT NULL');
  const rows = await select<{ course_id: number; band: number; n: number | string }>(
    db,
    `SELECT s.course_id, ${bandCase} AS band, COUNT(*) AS n FROM scores s WHERE ${where.sql}
      GROUP BY s.course_id, ${bandCase}`,
    where.replacements,
  );
  const bands = new Map<number, number[]>();
  for (const row of rows) {
    const list = bands.get(Number(row.course_id)) ?? SCORE_BANDS.map(() => 0);
    list[Number(row.band)] = Number(row.n);
    bands.set(Number(row.course_id), list);
  }
  return bands;
}

export interface ScoreDetailRow {
  ticket_no: string;
  name: string;
  id_card_masked: string;
  county_name: string | null;
  course_code: string;
  course_name: string;
  score: number | null;
  grade: string | null;
  mark: string | null;
  passed: number | boolean;
}

/** Every score row in scope, for the export's detail sheet (document numbers as stored masked). */
export function scoreDetails(db: Db, scope: StatsScope): Promise<ScoreDetailRow[]> {
  const where = scoreConditions(scope);
  return select<ScoreDetailRow>(
    db,
    `SELECT t.ticket_no, ca.name, ca.id_card_masked,
            (SELECT co.name FROM booking_items bi JOIN counties co ON co.id = bi.county_id
              WHERE bi.ticket_id = s.ticket_id AND bi.period_id = s.period_id AND bi.course_id = s.course_id
                AND bi.state = 'paid' ORDER BY bi.id DESC LIMIT 1) AS county_name,
            c.code AS course_code, c.name AS course_name, s.score, s.grade, s.mark, s.passed
       FROM scores s
       JOIN tickets t ON t.id = s.ticket_id
       JOIN candidates ca ON ca.id = s.candidate_id
       JOIN courses c ON c.id = s.course_id
      WHERE ${where.sql}
      ORDER BY c.code, t.ticket_no`,
    where.replacements,
  );
}
