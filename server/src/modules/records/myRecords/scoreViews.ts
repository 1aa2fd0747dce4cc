import { SCORE_MARK_LABELS, type ScoreRowView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { ExamPeriod } from '../../catalog/models';
import { scoresPublished } from '../scoresPublication';
import type { ScoreRecord } from './recordsRepository';

/** A score row as the pages show it: the result column is the score, else the grade, else the mark's label. */
export function scoreRowView(row: ScoreRecord): ScoreRowView {
  const result = row.score != null ? String(row.score) : (row.grade ?? (row.mark ? SCORE_MARK_LABELS[row.mark] : '—'));
  return {
    courseCode: row.courseCode,
    courseName: row.courseName,
    score: row.score,
    grade: row.grade,
    mark: row.mark,
    result,
    passed: row.passed,
  };
}

/** The periods (from the catalog cache: the same for every request) of these ids, newest first. */
export async function periodsNewestFirst(db: Db, ids: Iterable<number>): Promise<ExamPeriod[]> {
  const periods = await Promise.all([...new Set(ids)].map((id) => db.catalog.period(id)));
  return periods
    .filter((p): p is ExamPeriod => p !== null)
    .sort((a, b) => b.bookingOpensAt.getTime() - a.bookingOpensAt.getTime() || b.id - a.id);
}

/**
 * Which periods' scores may be shown at `now`: a passed course or score row whose period is not in this set
 * stays hidden. A null period (imported history, 免考, 转入) is always visible.
 */
export async function visibleAt(db: Db, periodIds: Iterable<number | null>, now: Date) {
  const ids = [...periodIds].filter((id): id is number => id !== null);
  const published = new Set(
    (await periodsNewestFirst(db, ids)).filter((p) => scoresPublished(p, now)).map((p) => p.id),
  );
  return (periodId: number | null) => periodId === null || published.has(periodId);
}
