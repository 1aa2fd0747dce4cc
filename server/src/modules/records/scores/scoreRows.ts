import {
  isValidCourseCode,
  isValidTicketNo,
  PASSING_GRADES,
  PRACTICAL_GRADES,
  SCORE_IMPORT_HEADERS,
  SCORE_MARK_LABELS,
  type ImportRowError,
  type ScoreMark,
} from '@kaowei/shared';
import { courseCodeOf, rowReader } from '../enrolledImport/enrolledRows';
import { invalidFile, type RawRow } from '../enrolledImport/importFiles';

/** The name the sheet goes by in row errors. */
export const SCORES_SHEET = '成绩';

/** A course as the rows are checked against it. */
export interface ScoreCourse {
  id: number;
  passScore: number;
}

/** A result as stored: exactly one of score, grade, mark. */
export interface ScoreResult {
  score: number | null;
  grade: string | null;
  mark: ScoreMark | null;
}

/** A row once checked. */
export interface ScoreRecord extends ScoreResult {
  row: number;
  ticketNo: string;
  courseId: number;
  courseCode: string;
  passed: boolean;
}

const MARK_BY_LABEL = new Map(Object.entries(SCORE_MARK_LABELS).map(([mark, label]) => [label, mark as ScoreMark]));

/**
 * The one pass rule: a score at or above the course's pass mark, or a passing grade (合格, 优秀, 良好, 中等,
 * 及格); a mark (缺考, 违纪, 作废) never passes.
 */
export function resultPasses(result: ScoreResult, passScore: number): boolean {
  if (result.mark) return false;
  if (result.grade !== null) return (PASSING_GRADES as readonly string[]).includes(result.grade);
  return result.score !== null && result.score >= passScore;
}

/** A result as an official reads it: "85分", "合格", "缺考". */
export function resultText(result: ScoreResult): string {
  if (result.mark) return SCORE_MARK_LABELS[result.mark];
  if (result.grade !== null) return result.grade;
  return result.score === null ? '无成绩' : `${result.score}分`;
}

const list = (values: readonly string[]) => values.join('、');
/** Columns of which at least one must be in the header. */
const RESULT_COLUMNS = ['成绩', '等级', '标记'];

/**
 * The checks of a scores row that need no database: ticket and course formats, exactly one of 成绩 (an
 * integer 0–100), 等级 (any course may take a grade: the plans do not say which courses are practical in
 * every major) or 标记, and a ticket and course given twice in the file.
 */
export class ScoreRowChecker {
  private columns: Map<string, number> | null = null;
  private readonly seen = new Map<string, number>();

  constructor(private readonly courses: Map<string, ScoreCourse>) {}

  header(cells: string[]): void {
    const names = cells.map((cell) => cell.trim().replace(/[（(].*[）)]$/, ''));
    const missing = ['准考证号', '课程代码'].filter((name) => !names.includes(name));
    if (!RESULT_COLUMNS.some((name) => names.includes(name))) missing.push(RESULT_COLUMNS.join('/'));
    if (missing.length > 0) {
      throw invalidFile(`第1行须为表头（${SCORE_IMPORT_HEADERS.join('，')}），缺少“${missing.join('”“')}”`);
    }
    this.columns = new Map(names.map((name, index) => [name, index]));
  }

  hasHeader(): boolean {
    return this.columns !== null;
  }

  check(raw: RawRow<string>): { record: ScoreRecord; errors: [] } | { record: null; errors: ImportRowError[] } {
    const { cell, fail, errors, required } = rowReader(this.columns!, raw, SCORES_SHEET);
    const ticketNo = required('准考证号');
    if (ticketNo !== '' && !isValidTicketNo(ticketNo)) fail('准考证号', 'TICKET_NO_INVALID', { value: ticketNo });
    const codeText = required('课程代码');
    const courseCode = courseCodeOf(codeText);
    const course = this.courses.get(courseCode);
    if (codeText !== '' && (!isValidCourseCode(courseCode) || !course)) {
      fail('课程代码', 'COURSE_UNKNOWN', { value: codeText });
    }
    const scoreText = cell('成绩');
    const gradeText = cell('等级');
    const markText = cell('标记');
    const given = [scoreText, gradeText, markText].filter((text) => text !== '').length;
    if (given === 0) fail('成绩', 'SCORE_RESULT_REQUIRED');
    if (given > 1) fail(scoreText !== '' ? '成绩' : '等级', 'SCORE_RESULT_CONFLICT');
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && !(Number.isInteger(score) && score >= 0 && score <= 100)) {
      fail('成绩', 'SCORE_INVALID', { value: scoreText });
    }
    if (gradeText !== '' && !(PRACTICAL_GRADES as readonly string[]).includes(gradeText)) {
      fail('等级', 'SCORE_GRADE_INVALID', { value: gradeText, allowed: list(PRACTICAL_GRADES) });
    }
    const mark = markText === '' ? null : (MARK_BY_LABEL.get(markText) ?? null);
    if (markText !== '' && !mark) {
      fail('标记', 'SCORE_MARK_INVALID', { value: markText, allowed: list(Object.values(SCORE_MARK_LABELS)) });
    }
    if (ticketNo !== '' && codeText !== '') {
      const key = `${ticketNo}:${courseCode}`;
      const earlier = this.seen.get(key);
      if (earlier !== undefined) fail('课程代码', 'SCORE_DUPLICATE_IN_FILE', { ticketNo, courseCode, row: earlier });
      else this.seen.set(key, raw.row);
    }
    if (errors.length > 0) return { record: null, errors };
    const result: ScoreResult = { score, grade: gradeText || null, mark };
    return {
      record: {
        row: raw.row,
        ticketNo,
        courseId: course!.id,
        courseCode,
        ...result,
        passed: resultPasses(result, course!.passScore),
      },
      errors: [],
    };
  }
}
