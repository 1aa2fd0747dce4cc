import { errorMessage, isValidCourseCode } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { SheetRow } from './readSheet';

const IMPORT_COLUMNS = { code: '课程代码', name: '课程名称', unit: '考试单元', credits: '学分' } as const;
type Column = keyof typeof IMPORT_COLUMNS;

interface ImportProblem {
  row: number;
  column?: string;
  message: string;
}

export interface OfferingRow {
  row: number;
  courseCode: string;
  courseName: string;
  unitCode: string;
  credits: number | null;
}

/** What the rows are checked against: the period's units and where its courses are offered now. */
export interface ImportContext {
  unitCodes: string[];
  /** Course code → unit code of its current offering in the period. */
  offeredIn: Map<string, string>;
}

/** Finds the columns by their header names (any order); the first three are required. */
export function locateColumns(header: SheetRow | undefined): Record<Column, number> {
  const names = (header?.cells ?? []).map((c) => String(c).trim());
  const index = (name: string) => names.indexOf(name);
  const missing = (['code', 'name', 'unit'] as const).filter((c) => index(IMPORT_COLUMNS[c]) < 0);
  if (missing.length > 0) {
    throw new AppError('IMPORT_FILE_INVALID', {
      reason: `第1行须为表头“课程代码,课程名称,考试单元[,学分]”，缺少“${missing.map((c) => IMPORT_COLUMNS[c]).join('”“')}”`,
    });
  }
  return {
    code: index(IMPORT_COLUMNS.code),
    name: index(IMPORT_COLUMNS.name),
    unit: index(IMPORT_COLUMNS.unit),
    credits: index(IMPORT_COLUMNS.credits),
  };
}

const isBlank = (row: SheetRow) => row.cells.every((c) => String(c).trim() === '');

/** Checks every data row; a row with any problem is left out of the valid ones and reported. */
export function checkRows(rows: SheetRow[], columns: Record<Column, number>, context: ImportContext) {
  const units = new Map(context.unitCodes.map((code) => [code.toUpperCase(), code]));
  const seen = new Map<string, number>();
  const valid: OfferingRow[] = [];
  const problems: ImportProblem[] = [];
  const data = rows.filter((r) => !isBlank(r));
  for (const sheetRow of data) {
    const cell = (column: Column) => (columns[column] < 0 ? '' : (sheetRow.cells[columns[column]] ?? ''));
    const found: ImportProblem[] = [];
    const problem = (column: Column, message: string) =>
      found.push({ row: sheetRow.row, column: IMPORT_COLUMNS[column], message });

    const rawCode = cell('code');
    // A numeric cell lost its leading zeros in Excel: 15 is course 00015.
    const courseCode = typeof rawCode === 'number' ? String(rawCode).padStart(5, '0') : rawCode.trim();
    const courseName = String(cell('name')).trim();
    const unitCode = units.get(String(cell('unit')).trim().toUpperCase());
    const creditsText = String(cell('credits')).trim();

    if (courseCode === '') problem('code', '请填写课程代码');
    else if (!isValidCourseCode(courseCode)) problem('code', errorMessage('INVALID_COURSE_CODE', { code: courseCode }));
    else if (seen.has(courseCode)) problem('code', `课程代码“${courseCode}”与第${seen.get(courseCode)}行重复`);
    else {
      seen.set(courseCode, sheetRow.row);
      const current = context.offeredIn.get(courseCode);
      if (current && current !== unitCode) {
        problem('code', `课程“${courseCode}”本考次已在考试单元${current}开考，请先删除原开考安排`);
      }
    }
    if (courseName === '') problem('name', '请填写课程名称');
    else if (courseName.length > 64) problem('name', '课程名称不能超过64个字');
    if (!unitCode) {
      const given = String(cell('unit')).trim();
      problem(
        'unit',
        given === ''
          ? '请填写考试单元'
          : `考试单元“${given}”不存在，本考次的考试单元为：${context.unitCodes.join('、') || '（尚未设置）'}`,
      );
    }
    const credits = creditsText === '' ? null : Number(creditsText);
    if (credits !== null && !(Number.isInteger(credits) && credits >= 0 && credits <= 20)) {
      problem('credits', '学分须为0至20的整数');
    }

    if (found.length > 0) problems.push(...found);
    else valid.push({ row: sheetRow.row, courseCode, courseName, unitCode: unitCode!, credits });
  }
  return { total: data.length, valid, problems };
}
