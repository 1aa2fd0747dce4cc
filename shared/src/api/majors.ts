import { z } from 'zod';
import { MAJOR_LEVELS, MAJOR_STATUSES, MAJOR_STATUS_LABELS, type MajorStatus } from '../domain';
import { calendarDateSchema, courseCodeSchema } from '../schemas';

/** Majors and their course plans (专业管理): rules everyone applies alike, request bodies and answers. */

const MAJOR_CODE = /^[0-9A-Z]{2,16}$/;

/** "2027-12-31" → "2027年12月31日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * How a major stands on `today` (a Beijing calendar date, YYYY-MM-DD): a 停考过渡期 whose last day has
 * passed counts as closed, without anyone having to change it.
 */
export function effectiveMajorStatus(
  major: { status: MajorStatus; transitionEndsOn: string | null },
  today: string,
): MajorStatus {
  if (major.status === 'transition' && major.transitionEndsOn !== null && major.transitionEndsOn < today) {
    return 'closed';
  }
  return major.status;
}

export const majorCodeSchema = z
  .string({ error: '请填写专业代码' })
  .trim()
  .toUpperCase()
  .regex(MAJOR_CODE, '专业代码须为2至16位字母或数字');

const majorFields = z.object({
  code: majorCodeSchema,
  name: z.string({ error: '请填写专业名称' }).trim().min(1, '请填写专业名称').max(64, '专业名称不能超过64个字'),
  level: z.enum(MAJOR_LEVELS, { error: '层次须为专科或本科' }),
  status: z.enum(MAJOR_STATUSES, { error: '请选择专业状态' }).default('open'),
  transitionEndsOn: calendarDateSchema('过渡期截止日期').nullable().optional(),
});

/** A 停考过渡期 needs its last day (the server drops the date of an open major). */
const withTransitionDate = <T extends z.ZodType<{ status: MajorStatus; transitionEndsOn?: string | null }>>(
  schema: T,
) =>
  schema.superRefine((m, ctx) => {
    if (m.status === 'transition' && !m.transitionEndsOn) {
      ctx.addIssue({ code: 'custom', path: ['transitionEndsOn'], message: '停考过渡期须填写过渡期截止日期' });
    }
  });

/** A major as the province creates it. */
export const majorInputBody = withTransitionDate(majorFields);
/** A major as the province edits it: the code stays (tickets, registrations and imports name it). */
export const majorUpdateBody = withTransitionDate(majorFields.omit({ code: true }));
export type MajorInput = z.output<typeof majorInputBody>;
export type MajorUpdate = z.output<typeof majorUpdateBody>;

/** One course of a major's course plan; `credits` null: the course's own. */
export const planCourseBody = z.object({
  courseCode: courseCodeSchema,
  required: z.boolean({ error: '请选择必考或选考' }).default(true),
  credits: z
    .number({ error: '学分须为0至20的整数' })
    .int('学分须为0至20的整数')
    .min(0, '学分须为0至20的整数')
    .max(20, '学分须为0至20的整数')
    .nullable()
    .default(null),
  practical: z.boolean({ error: '请选择理论或实践课程' }).default(false),
});
export type PlanCourseInput = z.output<typeof planCourseBody>;

export const MAJOR_IMPORT_KINDS = ['majors', 'plans'] as const;
export type MajorImportKind = (typeof MAJOR_IMPORT_KINDS)[number];

/** `kind`: majors or course plans; `dryRun=1` (the default) only checks the file. */
export const majorImportQuery = z.object({
  kind: z.enum(MAJOR_IMPORT_KINDS, { error: 'kind须为majors或plans' }),
  dryRun: z.enum(['0', '1'], { error: 'dryRun须为0或1' }).default('1'),
});
export const majorTemplateQuery = z.object({
  kind: z.enum(MAJOR_IMPORT_KINDS, { error: 'kind须为majors或plans' }),
});

/** The header row of each import's template, in order; the ones in brackets may be left out. */
export const MAJOR_IMPORT_HEADERS: Record<MajorImportKind, readonly string[]> = {
  majors: ['专业代码', '专业名称', '层次', '状态', '过渡期截止日期'],
  plans: ['专业代码', '课程代码', '课程名称', '必考/选考', '学分', '理论/实践'],
};

/** A major in the admin list. */
export interface MajorView {
  id: number;
  code: string;
  name: string;
  level: string;
  status: MajorStatus;
  statusLabel: string;
  transitionEndsOn: string | null;
  /** The status as it applies today (a passed 停考过渡期 is closed). */
  effectiveStatus: MajorStatus;
  courseCount: number;
  ticketCount: number;
}

export interface PlanCourseView {
  courseId: number;
  courseCode: string;
  courseName: string;
  required: boolean;
  /** The plan's credits, else the course's own. */
  credits: number;
  /** Whether the plan sets its own credits (false: the course's). */
  ownCredits: boolean;
  practical: boolean;
}

export interface MajorDetail extends MajorView {
  courses: PlanCourseView[];
}

/** A dry run or an import of majors or plans: bad rows with their reasons, and what was written. */
export interface MajorImportAnswer {
  kind: MajorImportKind;
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; column?: string; message: string }>;
}

/** The label of a status, with the transition's last day when it has one. */
export function majorStatusText(major: { status: MajorStatus; transitionEndsOn: string | null }): string {
  const label = MAJOR_STATUS_LABELS[major.status];
  return major.status === 'transition' && major.transitionEndsOn
    ? `${label}（至${chineseDate(major.transitionEndsOn)}）`
    : label;
}
