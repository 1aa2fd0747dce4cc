import type { SqlTx } from '../../../db/sqlTx';
import { deletePassedCourses, passedCoursesOf, upsertPassedCourses } from './scoresRepository';

/** A score's effect on 已合格课程: the ticket, the course, whether it passes and with what. */
export interface PassWanted {
  ticketId: number;
  courseId: number;
  passed: boolean;
  score: number | null;
  grade: string | null;
}

export interface PassSync {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * Keeps 已合格课程 in step with the period's scores, writing only what differs. A passing score adds the
 * course (passed by exam in this period) unless it is already passed — an earlier pass, or one by 免考 or
 * 转入, is kept as it is. A score that no longer passes removes the course only when this period's exam
 * passed it. One transaction: the caller's.
 */
export async function syncPassedCourses(
  tx: SqlTx,
  period: { id: number; code: string },
  wanted: PassWanted[],
  now: Date,
): Promise<PassSync> {
  const result: PassSync = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const existing = await passedCoursesOf(tx, [...new Set(wanted.map((w) => w.ticketId))]);
  const rows: unknown[][] = [];
  const removed: number[] = [];
  for (const want of wanted) {
    const current = existing.get(`${want.ticketId}:${want.courseId}`);
    const ours = current?.period_id === period.id && current.passed_by === 'exam';
    if (!want.passed) {
      if (current && ours) removed.push(current.id);
      continue;
    }
    const row = [want.ticketId, want.courseId, period.code, period.id, want.score, want.grade, 'exam', now, now];
    if (!current) {
      result.created += 1;
      rows.push(row);
    } else if (ours && (current.score !== want.score || current.grade !== want.grade)) {
      result.updated += 1;
      rows.push(row);
    } else {
      result.unchanged += 1;
    }
  }
  result.removed = removed.length;
  await upsertPassedCourses(tx, rows);
  await deletePassedCourses(tx, removed);
  return result;
}
