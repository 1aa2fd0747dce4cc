import {
  chineseDate,
  errorMessage,
  isValidCourseCode,
  MAJOR_IMPORT_HEADERS,
  MAJOR_LEVELS,
  MAJOR_STATUS_LABELS,
  MAJOR_STATUSES,
  type MajorImportKind,
  type MajorStatus,
} from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { SheetRow } from '../offerings/readSheet';

export interface ImportProblem {
  row: number;
  column?: string;
  message: string;
}

/** Which headers each import cannot do without. */
const REQUIRED: Record<MajorImportKind, readonly string[]> = {
  majors: ['专业代码', '专业名称', '层次'],
  plans: ['专业代码', '课程代码'],
};

/** Finds the columns by their header names (any order), refusing a file whose header lacks a required one. */
export function locateColumns(kind: MajorImportKind, header: SheetRow | undefined): Map<string, number> {
  const names = (header?.cells ?? []).map((c) => String(c).trim());
  const missing = REQUIRED[kind].filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new AppError('IMPORT_FILE_INVALID', {
      reason: `第1行须为表头“${MAJOR_IMPORT_HEADERS[kind].join(',')}”，缺少“${missing.join('”“')}”`,
    });
  }
  return new Map(MAJOR_IMPORT_HEADERS[kind].map((name) => [name, names.indexOf(name)]));
}

const isBlank = (row: SheetRow) => row.cells.every((c) => String(c).trim() === '');

/** Reads one row's cells by header name and collects its problems. */
function rowReader(sheetRow: SheetRow, columns: Map<string, number>) {
  const found: ImportProblem[] = [];
  return {
    found,
    raw: (name: string) => {
      const index = columns.get(name) ?? -1;
      return index < 0 ? '' : (sheetRow.cells[index] ?? '');
    },
    text(name: string) {
      return String(this.raw(name)).trim();
    },
    problem: (column: string, message: string) => found.push({ row: sheetRow.row, column, message }),
  };
}

const STATUS_BY_TEXT = new Map<string, MajorStatus>([
  ...MAJOR_STATUSES.map((s): [string, MajorStatus] => [s, s]),
  ...MAJOR_STATUSES.map((s): [string, MajorStatus] => [MAJOR_STATUS_LABELS[s], s]),
  ['开考', 'open'],
  ['正常', 'open'],
  ['过渡期', 'transition'],
  ['停考', 'closed'],
]);

/** "2027-12-31" (an XLSX date cell reads so), "2027/12/31", "2027年12月31日"; null if not a real date. */
export function parseSheetDate(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === iso ? iso : null;
}

export interface MajorRowInput {
  row: number;
  code: string;
  name: string;
  level: string;
  status: MajorStatus;
  transitionEndsOn: string | null;
}

/** 专业代码, 专业名称, 层次, 状态 (blank: 正常开考), 过渡期截止日期 (required for 停考过渡期). */
export function checkMajorRows(rows: SheetRow[], columns: Map<string, number>) {
  const seen = new Map<string, number>();
  const valid: MajorRowInput[] = [];
  const problems: ImportProblem[] = [];
  const data = rows.filter((r) => !isBlank(r));
  for (const sheetRow of data) {
    const cell = rowReader(sheetRow, columns);
    const code = cell.text('专业代码').toUpperCase();
    const name = cell.text('专业名称');
    const level = cell.text('层次');
    const statusText = cell.text('状态');
    const dateText = cell.text('过渡期截止日期');

    if (code === '') cell.problem('专业代码', '请填写专业代码');
    else if (!/^[0-9A-Z]{2,16}$/.test(code)) cell.problem('专业代码', `专业代码“${code}”不正确，须为2至16位字母或数字`);
    else if (seen.has(code)) cell.problem('专业代码', `专业代码“${code}”与第${seen.get(code)}行重复`);
    else seen.set(code, sheetRow.row);
    if (name === '') cell.problem('专业名称', '请填写专业名称');
    else if (name.length > 64) cell.problem('专业名称', '专业名称不能超过64个字');
    if (!(MAJOR_LEVELS as readonly string[]).includes(level)) {
      cell.problem('层次', level === '' ? '请填写层次（专科或本科）' : `层次“${level}”不正确，须为专科或本科`);
    }
    const status = statusText === '' ? 'open' : STATUS_BY_TEXT.get(statusText);
    if (!status) cell.problem('状态', `状态“${statusText}”不正确，须为正常开考、停考过渡期或已停考`);
    const transitionEndsOn = dateText === '' ? null : parseSheetDate(dateText);
    if (dateText !== '' && !transitionEndsOn) {
      cell.problem('过渡期截止日期', `过渡期截止日期“${dateText}”不正确，请填写如2027-12-31的日期`);
    } else if (status === 'transition' && !transitionEndsOn) {
      cell.problem('过渡期截止日期', '停考过渡期须填写过渡期截止日期');
    }

    if (cell.found.length > 0) problems.push(...cell.found);
    else {
      valid.push({
        row: sheetRow.row,
        code,
        name,
        level,
        status: status!,
        transitionEndsOn: status === 'open' ? null : transitionEndsOn,
      });
    }
  }
  return { total: data.length, valid, problems };
}

export interface PlanRowInput {
  row: number;
  majorCode: string;
  courseCode: string;
  /** For a course not in the catalogue yet: it is created with this name. */
  courseName: string;
  required: boolean;
  credits: number | null;
  practical: boolean;
}

/** What plan rows are checked against: the majors and courses there are (code → id). */
export interface PlanContext {
  majorIds: ReadonlyMap<string, number>;
  courseIds: ReadonlyMap<string, number>;
}

const REQUIRED_TEXT = new Map([
  ['', true],
  ['必考', true],
  ['必修', true],
  ['选考', false],
  ['选修', false],
]);
const PRACTICAL_TEXT = new Map([
  ['', false],
  ['理论', false],
  ['实践', true],
]);

/** 专业代码, 课程代码, 课程名称 (only for a new course), 必考/选考, 学分 (blank: the course's), 理论/实践. */
export function checkPlanRows(rows: SheetRow[], columns: Map<string, number>, context: PlanContext) {
  const seen = new Map<string, number>();
  const valid: PlanRowInput[] = [];
  const problems: ImportProblem[] = [];
  const data = rows.filter((r) => !isBlank(r));
  for (const sheetRow of data) {
    const cell = rowReader(sheetRow, columns);
    const majorCode = cell.text('专业代码').toUpperCase();
    const rawCourse = cell.raw('课程代码');
    // A numeric cell lost its leading zeros in Excel: 15 is course 00015.
    const courseCode = typeof rawCourse === 'number' ? String(rawCourse).padStart(5, '0') : rawCourse.trim();
    const courseName = cell.text('课程名称');
    const requiredText = cell.text('必考/选考');
    const creditsText = cell.text('学分');
    const practicalText = cell.text('理论/实践');

    if (majorCode === '') cell.problem('专业代码', '请填写专业代码');
    else if (!context.majorIds.has(majorCode)) {
      cell.problem('专业代码', `专业“${majorCode}”不存在，请先导入或新增该专业`);
    }
    if (courseCode === '') cell.problem('课程代码', '请填写课程代码');
    else if (!isValidCourseCode(courseCode)) {
      cell.problem('课程代码', errorMessage('INVALID_COURSE_CODE', { code: courseCode }));
    } else {
      const key = `${majorCode}/${courseCode}`;
      if (seen.has(key)) cell.problem('课程代码', `专业“${majorCode}”的课程“${courseCode}”与第${seen.get(key)}行重复`);
      else seen.set(key, sheetRow.row);
      if (!context.courseIds.has(courseCode) && courseName === '') {
        cell.problem('课程名称', `课程“${courseCode}”不存在，新课程请填写课程名称`);
      }
    }
    if (courseName.length > 64) cell.problem('课程名称', '课程名称不能超过64个字');
    const required = REQUIRED_TEXT.get(requiredText);
    if (required === undefined) cell.problem('必考/选考', `“${requiredText}”不正确，须为必考或选考`);
    const credits = creditsText === '' ? null : Number(creditsText);
    if (credits !== null && !(Number.isInteger(credits) && credits >= 0 && credits <= 20)) {
      cell.problem('学分', '学分须为0至20的整数');
    }
    const practical = PRACTICAL_TEXT.get(practicalText);
    if (practical === undefined) cell.problem('理论/实践', `“${practicalText}”不正确，须为理论或实践`);

    if (cell.found.length > 0) problems.push(...cell.found);
    else
      valid.push({
        row: sheetRow.row,
        majorCode,
        courseCode,
        courseName,
        required: required!,
        credits,
        practical: practical!,
      });
  }
  return { total: data.length, valid, problems };
}

/** The template's example row per kind, under MAJOR_IMPORT_HEADERS. */
export const TEMPLATE_EXAMPLES: Record<MajorImportKind, Array<Array<string | number>>> = {
  majors: [
    ['B020101', '经济学', '本科', '正常开考', ''],
    ['C050101', '汉语言文学', '专科', '停考过渡期', chineseDate('2027-12-31')],
  ],
  plans: [
    ['B020101', '03709', '马克思主义基本原理概论', '必考', 4, '理论'],
    ['B020101', '06093', '', '选考', '', '实践'],
  ],
};
