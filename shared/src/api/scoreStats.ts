import { z } from 'zod';

/** 成绩统计 (#15): score bands of 10 points; the last one holds 90 to 100. */
export const SCORE_BANDS = [
  '0–9',
  '10–19',
  '20–29',
  '30–39',
  '40–49',
  '50–59',
  '60–69',
  '70–79',
  '80–89',
  '90–100',
] as const;

/** `GET /api/admin/score-stats?periodId=…&courseId=…` (and its `.xlsx` export). */
export const scoreStatsQuery = z.object({
  periodId: z.coerce.number({ error: '请选择考次' }).int('请选择考次').positive('请选择考次'),
  courseId: z.preprocess(
    (value) => (value === '' || value === null ? undefined : value),
    z.coerce.number({ error: '课程不正确' }).int().positive().optional(),
  ),
});
export type ScoreStatsQuery = z.infer<typeof scoreStatsQuery>;

/** One course of the period, within the official's counties. */
export interface ScoreStatsRow {
  courseId: number;
  courseCode: string;
  courseName: string;
  /** Tickets that booked the course and paid. */
  booked: number;
  /** Score rows not marked 缺考 (违纪 and 作废 sat, and did not pass). */
  sat: number;
  passed: number;
  /** passed / sat in percent with one decimal; null when nobody sat. */
  passRate: number | null;
  /** Numeric scores per SCORE_BANDS (grades and marks are not in a band). */
  bands: number[];
}

export interface ScoreStatsAnswer {
  periodId: number;
  periodName: string;
  /** When the period's scores are (or were) published; null while not scheduled. */
  scoresPublishAt: string | null;
  rows: ScoreStatsRow[];
  /** All the rows' courses together. */
  total: Omit<ScoreStatsRow, 'courseId' | 'courseCode' | 'courseName'>;
}
