import { SCORE_BANDS, type ScoreStatsAnswer, type ScoreStatsQuery, type ScoreStatsRow } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { formatBeijing } from '../../../lib/beijingTime';
import { scopedCountyIds } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { ExamPeriod } from '../../catalog/models';
import { scoresPublished } from '../scoresPublication';
import { bandCounts, courseCounts, type StatsScope } from './scoreStatsRepository';

const rate = (passed: number, sat: number) => (sat === 0 ? null : Math.round((passed * 1000) / sat) / 10);

/**
 * The rule for city and county offices (#15): they see a period's score statistics and export them
 * only once the period's scores are published (scoresPublished: its publish time has passed), like the
 * candidates they serve; before that, and while no publish time is set, they are refused with the time.
 * The provincial office, which imports and corrects the scores, sees them always.
 */
export function assertStatsVisible(official: Official, period: ExamPeriod, now: Date): void {
  if (official.role === 'province' || scoresPublished(period, now)) return;
  const publishAt = period.scoresPublishAt ? formatBeijing(period.scoresPublishAt) : '考试院公布的时间';
  throw new AppError('SCORE_STATS_NOT_PUBLISHED', { publishAt });
}

/** The period and the official's counties, once the rule above lets them see it. */
export async function statsScope(db: Db, official: Official, query: ScoreStatsQuery, now: Date) {
  // Read from the database, not the catalog cache: a publish time just moved later must hold at once.
  const period = await db.models.ExamPeriod.findByPk(query.periodId);
  if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
  assertStatsVisible(official, period, now);
  const scope: StatsScope = {
    periodId: period.id,
    courseId: query.courseId,
    counties: await scopedCountyIds(db, official),
  };
  return { period, scope };
}

/**
 * 成绩统计: per course of the period within the official's counties — booked and paid, sat (score rows
 * not 缺考), passed, pass rate (passed of sat), numeric scores in bands of 10 — and the sum of them all.
 */
export async function viewScoreStats(
  db: Db,
  official: Official,
  query: ScoreStatsQuery,
  now = new Date(),
): Promise<ScoreStatsAnswer> {
  const { period, scope } = await statsScope(db, official, query, now);
  const [counts, bands] = await Promise.all([courseCounts(db, scope), bandCounts(db, scope)]);
  const rows: ScoreStatsRow[] = counts.map((c) => ({
    courseId: c.course_id,
    courseCode: c.code,
    courseName: c.name,
    booked: c.booked,
    sat: c.sat,
    passed: c.passed,
    passRate: rate(c.passed, c.sat),
    bands: bands.get(c.course_id) ?? SCORE_BANDS.map(() => 0),
  }));
  const sum = (pick: (r: ScoreStatsRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const total = {
    booked: sum((r) => r.booked),
    sat: sum((r) => r.sat),
    passed: sum((r) => r.passed),
    passRate: rate(
      sum((r) => r.passed),
      sum((r) => r.sat),
    ),
    bands: SCORE_BANDS.map((_, i) => sum((r) => r.bands[i]!)),
  };
  return {
    periodId: period.id,
    periodName: period.name,
    scoresPublishAt: period.scoresPublishAt ? period.scoresPublishAt.toISOString() : null,
    rows,
    total,
  };
}
