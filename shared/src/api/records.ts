import { z } from 'zod';
import type { PassedBy, ScoreMark } from '../domain';
import { documentNoSchema } from '../schemas';
import { chineseName } from './accounts';

// ---- Scores and records (成绩查询, 已合格课程, 毕业进度, issue #15): what a candidate reads ----

/** One course's result in a published period. */
export interface ScoreRowView {
  courseCode: string;
  courseName: string;
  /** 0–100 for a scored course, else null. */
  score: number | null;
  /** A practical course's grade (合格, 优秀, …), else null. */
  grade: string | null;
  mark: ScoreMark | null;
  /** What the page prints in the result column: "78", "良好", "缺考". */
  result: string;
  passed: boolean;
}

/** A period the candidate has scores in: the rows once published, else only when they will be. */
export interface ScorePeriodView {
  periodId: number;
  periodCode: string;
  periodName: string;
  published: boolean;
  /** ISO time the scores become visible; null when the province has not scheduled it (成绩尚未公布). */
  publishAt: string | null;
  /** Empty until published. */
  scores: ScoreRowView[];
}

/** 成绩查询: newest period first. */
export interface MyScoresView {
  periods: ScorePeriodView[];
}

/** 已合格课程: one passed course of one ticket. */
export interface PassedCourseView {
  ticketNo: string;
  courseCode: string;
  courseName: string;
  credits: number;
  passedBy: PassedBy;
  /** 考试 / 免考 / 转入. */
  passedByLabel: string;
  /** The period as the old system names it ("202304"). */
  periodCode: string;
  score: number | null;
  grade: string | null;
}

export interface MyPassedCoursesView {
  courses: PassedCourseView[];
}

/** A course of a major's plan in 毕业进度. */
export interface ProgressCourseView {
  courseCode: string;
  courseName: string;
  credits: number;
  required: boolean;
  practical: boolean;
}

/**
 * 毕业进度 of one ticket: its major's plan against the courses passed under the ticket.
 * creditsNeeded is the sum of the plan's required courses' credits (majors carry no total of their own);
 * creditsEarned counts every passed course of the plan, required or elective.
 */
export interface GraduationProgressView {
  ticketNo: string;
  majorCode: string;
  majorName: string;
  majorLevel: string;
  requiredMissing: ProgressCourseView[];
  requiredPassed: ProgressCourseView[];
  electivesPassed: ProgressCourseView[];
  creditsEarned: number;
  creditsNeeded: number;
  /** Every required course passed and the credits reached. */
  complete: boolean;
}

export interface MyProgressView {
  tickets: GraduationProgressView[];
}

/** 成绩查询 without logging in (seed 001: 姓名 + 身份证号 + 图片验证码). */
export const publicScoresBody = z.object({
  name: chineseName,
  idCardNo: documentNoSchema,
  captchaId: z.string({ error: '请获取图片验证码' }).max(64),
  captchaAnswer: z.string({ error: '请输入图片验证码' }).max(16),
});
export type PublicScoresBody = z.input<typeof publicScoresBody>;

/** The person's scores in their latest published period; the ID number masked. */
export interface PublicScoresAnswer {
  name: string;
  idCardMasked: string;
  periodCode: string;
  periodName: string;
  scores: ScoreRowView[];
}
