import { z } from 'zod';
import { PRACTICAL_GRADES, SCORE_MARK_LABELS, type ScoreMark } from '../domain';
import { courseCodeSchema } from '../schemas';
import type { ImportCounts, ImportJobView } from './imports';

/**
 * 成绩导入与发布 (#15, province): the file's columns, the job's summary, the publish time and 成绩更正.
 * A row gives exactly one of 成绩 (0–100), 等级 (any course may take a grade) or 标记 (缺考/违纪/作废).
 */
export const SCORE_IMPORT_HEADERS = ['准考证号', '课程代码', '成绩', '等级', '标记'] as const;

/** What a scores import changed: score rows, and the 已合格课程 they passed (or no longer pass). */
export interface ScoresImportSummary {
  scores: ImportCounts;
  passedCourses: ImportCounts & { removed: number };
}

/** A scores import job: the enrolled job's view with its period and its own summary. */
export type ScoresImportJobView = Omit<ImportJobView, 'summary'> & {
  periodId: number | null;
  summary: ScoresImportSummary | null;
};

/** A period as the 成绩导入与发布 page lists it. */
export interface ScoresPeriodView {
  id: number;
  code: string;
  name: string;
  scoresPublishAt: string | null;
  /** Whether the publish time has passed (scores visible to candidates). */
  published: boolean;
  scoreCount: number;
  /** 成绩复核 may be filed within this many working days (Mon–Fri) after the publish time (#16). */
  scoreReviewDays: number;
}

export const scoresPublishBody = z.object({
  scoresPublishAt: z.iso
    .datetime({ offset: true, error: '成绩发布时间须为完整的日期和时间' })
    .nullable()
    .describe('成绩发布时间；null 取消尚未到达的发布时间'),
});
export type ScoresPublishInput = z.output<typeof scoresPublishBody>;

/** 成绩复核 period of a period's scores: working days (Mon–Fri) after publication. */
export const scoreReviewDaysBody = z.object({
  scoreReviewDays: z
    .number({ error: '请填写成绩复核申请期限（工作日）' })
    .int('成绩复核申请期限须为整数个工作日')
    .min(1, '成绩复核申请期限为1至30个工作日')
    .max(30, '成绩复核申请期限为1至30个工作日'),
});
export type ScoreReviewDaysInput = z.output<typeof scoreReviewDaysBody>;

/** One score as the office finds it (by ticket and course) and corrects it. */
export interface ScoreView {
  id: number;
  ticketNo: string;
  candidateName: string;
  courseCode: string;
  courseName: string;
  periodId: number;
  score: number | null;
  grade: string | null;
  mark: ScoreMark | null;
  passed: boolean;
  updatedAt: string;
}

export const scoreLookupQuery = z.object({
  periodId: z.coerce.number().int().positive(),
  ticketNo: z
    .string()
    .trim()
    .regex(/^\d{12}$/, '准考证号为12位数字'),
  courseCode: courseCodeSchema,
});

const SCORE_MARK_VALUES = Object.keys(SCORE_MARK_LABELS) as [ScoreMark, ...ScoreMark[]];

/** 成绩更正: exactly one of score, grade or mark, and why. */
export const scoreCorrectionBody = z
  .object({
    score: z.number().int('成绩须为整数').min(0, '成绩须为0至100').max(100, '成绩须为0至100').nullable().optional(),
    grade: z
      .enum(PRACTICAL_GRADES, { error: `等级应为：${PRACTICAL_GRADES.join('、')}` })
      .nullable()
      .optional(),
    mark: z.enum(SCORE_MARK_VALUES).nullable().optional(),
    reason: z.string({ error: '请填写更正原因' }).trim().min(2, '请填写更正原因').max(200, '原因不能超过200字'),
  })
  .refine((b) => [b.score, b.grade, b.mark].filter((v) => v != null).length === 1, {
    message: '成绩、等级、标记须填写且只填写其中一项',
    path: ['score'],
  });
export type ScoreCorrectionInput = z.output<typeof scoreCorrectionBody>;
