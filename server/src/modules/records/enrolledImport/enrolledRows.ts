import {
  DOCUMENT_TYPE_LABELS,
  ENROLLED_PASSED_HEADERS,
  ENROLLED_SHEETS,
  ENROLLED_TICKET_HEADERS,
  importRowMessage,
  isValidCourseCode,
  isValidPhone,
  isValidTicketNo,
  PASSED_BY,
  PASSED_BY_LABELS,
  PASSING_GRADES,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  validateDocument,
  type DocumentType,
  type EnrolledSheet,
  type ErrorParams,
  type ImportRowError,
  type ImportRowErrorCode,
  type PassedBy,
  type TicketStatus,
} from '@kaowei/shared';
import { invalidFile, type RawRow } from './importFiles';

/** A 考籍 row once checked: the ticket, its candidate's details (document number normalised). */
export interface TicketRecord {
  row: number;
  ticketNo: string;
  documentType: DocumentType;
  documentNo: string;
  name: string;
  gender: 'M' | 'F';
  ethnicity: string | null;
  majorId: number;
  countyId: number;
  status: TicketStatus;
  phone: string | null;
  birthDate: string;
}

/** An 已合格课程 row once checked. */
export interface PassedRecord {
  row: number;
  ticketNo: string;
  courseId: number;
  courseCode: string;
  periodCode: string;
  score: number | null;
  grade: string | null;
  passedBy: PassedBy;
}

/** Codes the rows are checked against: majors, counties and courses by code → id. */
export interface ReferenceCodes {
  majors: Map<string, number>;
  counties: Map<string, number>;
  courses: Map<string, number>;
}

type Checked<T> = { record: T; errors: [] } | { record: null; errors: ImportRowError[] };

const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map(Object.entries(labels).map(([key, label]) => [label as string, key as K]));
const DOCUMENT_TYPE_BY_LABEL = byLabel(DOCUMENT_TYPE_LABELS);
const STATUS_BY_LABEL = byLabel(TICKET_STATUS_LABELS);
const PASSED_BY_BY_LABEL = byLabel(PASSED_BY_LABELS);
const GENDERS = new Map<string, 'M' | 'F'>([
  ['男', 'M'],
  ['女', 'F'],
]);
const list = (values: readonly string[]) => values.join('、');

const HEADERS: Record<EnrolledSheet, readonly string[]> = {
  tickets: ENROLLED_TICKET_HEADERS,
  passed: ENROLLED_PASSED_HEADERS,
};
/** Columns that may be missing from the header (left empty when they are). */
const OPTIONAL_COLUMNS = new Set(['手机号', '出生日期', '民族', '等级', '成绩']);

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
/** Days from Excel's day 0 (1899-12-30, its 1900 leap-year bug included) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
export const asDate = (value: string) => {
  // A date cell of a workbook is a serial day number (its format, kept in the styles, is not read).
  if (/^\d{4,5}$/.test(value)) {
    return new Date((Number(value) - EXCEL_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  }
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
};

/** Reads one row's cells by column name and collects its errors (each with the sheet, row and column). */
export function rowReader(columns: Map<string, number>, raw: RawRow<string>, sheet: string) {
  const errors: ImportRowError[] = [];
  const cell = (name: string) => {
    const index = columns.get(name);
    return index === undefined ? '' : (raw.cells[index] ?? '').trim();
  };
  const fail = (field: string, code: ImportRowErrorCode, params: ErrorParams = {}) => {
    errors.push({ sheet, row: raw.row, field, code, message: importRowMessage(code, { field, ...params }) });
  };
  /** A cell that must not be empty. */
  const required = (field: string) => {
    const value = cell(field);
    if (value === '') fail(field, 'REQUIRED');
    return value;
  };
  return { errors, cell, fail, required };
}

/** A course code as typed: Excel drops leading zeros of a numeric cell, so 15 is course 00015. */
export const courseCodeOf = (text: string) => (/^\d{1,5}$/.test(text) ? text.padStart(5, '0') : text);

/**
 * The checks of one row that need no database: formats, codes, and duplicates within the file. Holds
 * what it has seen of the file (ticket numbers, documents, ticket+course pairs) so a later row can be
 * told which earlier one it repeats; that is a few bytes per row, never the rows themselves.
 */
export class EnrolledRowChecker {
  private readonly columns = new Map<EnrolledSheet, Map<string, number>>();
  /** Ticket number → its row. */
  readonly ticketRows = new Map<string, number>();
  /** Document number → the row and the candidate details it gave, so two tickets of one person agree. */
  private readonly people = new Map<string, { row: number; details: string }>();
  private readonly passedRows = new Map<string, number>();

  constructor(
    private readonly codes: ReferenceCodes,
    private readonly today = new Date(),
  ) {}

  /** Row 1 of a sheet: every required column present, or the file is refused. */
  header(sheet: EnrolledSheet, cells: string[]): void {
    const names = cells.map((cell) => cell.trim().replace(/[（(].*[）)]$/, ''));
    const missing = HEADERS[sheet].filter((name) => !OPTIONAL_COLUMNS.has(name) && !names.includes(name));
    if (missing.length > 0) {
      throw invalidFile(
        `“${ENROLLED_SHEETS[sheet]}”表第1行须为表头（${HEADERS[sheet].join('，')}），缺少“${missing.join('”“')}”`,
      );
    }
    this.columns.set(sheet, new Map(names.map((name, index) => [name, index])));
  }

  hasHeader(sheet: EnrolledSheet): boolean {
    return this.columns.has(sheet);
  }

  isBlank(raw: RawRow): boolean {
    return isBlank(raw.cells);
  }

  private reader(raw: RawRow) {
    return rowReader(this.columns.get(raw.sheet)!, raw, ENROLLED_SHEETS[raw.sheet]);
  }

  ticket(raw: RawRow): Checked<TicketRecord> {
    const { cell, fail, errors, required } = this.reader(raw);
    const ticketNo = required('准考证号');
    if (ticketNo !== '') {
      const earlier = this.ticketRows.get(ticketNo);
      if (!isValidTicketNo(ticketNo)) fail('准考证号', 'TICKET_NO_INVALID', { value: ticketNo });
      else if (earlier !== undefined) fail('准考证号', 'TICKET_DUPLICATE_IN_FILE', { ticketNo, row: earlier });
      else this.ticketRows.set(ticketNo, raw.row);
    }
    const typeLabel = required('证件类型');
    const documentType = DOCUMENT_TYPE_BY_LABEL.get(typeLabel);
    if (typeLabel !== '' && !documentType) {
      fail('证件类型', 'DOCUMENT_TYPE_UNKNOWN', {
        value: typeLabel,
        allowed: list(Object.values(DOCUMENT_TYPE_LABELS)),
      });
    }
    const documentInput = required('证件号码');
    let documentNo = '';
    let birthDate: string | null = null;
    let documentGender: 'M' | 'F' | undefined;
    if (documentType && documentInput !== '') {
      const check = validateDocument(documentType, documentInput, this.today);
      if (!check.ok) {
        fail('证件号码', 'DOCUMENT_NO_INVALID', {
          documentType: DOCUMENT_TYPE_LABELS[documentType],
          reason: check.reason,
        });
      } else {
        documentNo = check.documentNo;
        birthDate = check.birthDate ?? null;
        documentGender = check.gender;
      }
    }
    const birthText = cell('出生日期');
    if (birthDate === null && documentType && documentNo !== '') {
      if (birthText === '') fail('出生日期', 'REQUIRED');
      else if (!(birthDate = asDate(birthText))) fail('出生日期', 'BIRTH_DATE_INVALID', { value: birthText });
    }
    const name = required('姓名');
    if (name.length > 32) fail('姓名', 'NAME_INVALID');
    const genderText = required('性别');
    const gender = GENDERS.get(genderText);
    if (genderText !== '' && !gender) fail('性别', 'GENDER_INVALID', { value: genderText });
    else if (gender && documentGender && gender !== documentGender) fail('性别', 'GENDER_MISMATCH');
    const ethnicity = cell('民族');
    if (ethnicity.length > 16) fail('民族', 'ETHNICITY_INVALID');
    const majorCode = required('专业代码');
    const majorId = this.codes.majors.get(majorCode);
    if (majorCode !== '' && majorId === undefined) fail('专业代码', 'MAJOR_UNKNOWN', { value: majorCode });
    const countyCode = required('报考县区代码');
    const countyId = this.codes.counties.get(countyCode);
    if (countyCode !== '' && countyId === undefined) fail('报考县区代码', 'COUNTY_UNKNOWN', { value: countyCode });
    const statusText = required('考籍状态');
    const status = STATUS_BY_LABEL.get(statusText) ?? (TICKET_STATUSES.find((s) => s === statusText) || undefined);
    if (statusText !== '' && !status) {
      fail('考籍状态', 'STATUS_INVALID', { value: statusText, allowed: list(Object.values(TICKET_STATUS_LABELS)) });
    }
    const phone = cell('手机号');
    if (phone !== '' && !isValidPhone(phone)) fail('手机号', 'PHONE_INVALID', { value: phone });

    if (documentNo !== '' && errors.length === 0) {
      const details = [documentType, name, gender, birthDate, ethnicity, countyId, phone].join('\u0001');
      const earlier = this.people.get(documentNo);
      if (earlier && earlier.details !== details) fail('证件号码', 'CANDIDATE_CONFLICT', { row: earlier.row });
      else if (!earlier) this.people.set(documentNo, { row: raw.row, details });
    }
    if (errors.length > 0) return { record: null, errors };
    return {
      record: {
        row: raw.row,
        ticketNo,
        documentType: documentType!,
        documentNo,
        name,
        gender: gender!,
        ethnicity: ethnicity || null,
        majorId: majorId!,
        countyId: countyId!,
        status: status!,
        phone: phone || null,
        birthDate: birthDate!,
      },
      errors: [],
    };
  }

  passed(raw: RawRow): Checked<PassedRecord> {
    const { cell, fail, errors, required } = this.reader(raw);
    const ticketNo = required('准考证号');
    if (ticketNo !== '' && !isValidTicketNo(ticketNo)) fail('准考证号', 'TICKET_NO_INVALID', { value: ticketNo });
    const codeText = required('课程代码');
    const courseCode = courseCodeOf(codeText);
    const courseId = this.codes.courses.get(courseCode);
    if (codeText !== '' && (!isValidCourseCode(courseCode) || courseId === undefined)) {
      fail('课程代码', 'COURSE_UNKNOWN', { value: codeText });
    }
    const periodCode = required('考次');
    if (periodCode !== '' && !/^(19|20)\d{2}(0[1-9]|1[0-2])$/.test(periodCode)) {
      fail('考次', 'PERIOD_INVALID', { value: periodCode });
    }
    const scoreText = cell('成绩');
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && !(Number.isInteger(score) && score >= 0 && score <= 100)) {
      fail('成绩', 'SCORE_INVALID', { value: scoreText });
    }
    const grade = cell('等级');
    if (grade !== '' && !(PASSING_GRADES as readonly string[]).includes(grade)) {
      fail('等级', 'GRADE_INVALID', { value: grade, allowed: list(PASSING_GRADES) });
    }
    const passedByText = required('合格方式');
    const passedBy = PASSED_BY_BY_LABEL.get(passedByText) ?? PASSED_BY.find((p) => p === passedByText);
    if (passedByText !== '' && !passedBy) {
      fail('合格方式', 'PASSED_BY_INVALID', { value: passedByText, allowed: list(Object.values(PASSED_BY_LABELS)) });
    }
    // An exam pass has a score or a grade; 免考 and 转入 may have neither.
    if (passedBy === 'exam' && scoreText === '' && grade === '') fail('成绩', 'SCORE_OR_GRADE_REQUIRED');
    if (errors.length === 0) {
      const key = `${ticketNo}:${courseCode}`;
      const earlier = this.passedRows.get(key);
      if (earlier !== undefined) fail('课程代码', 'PASSED_DUPLICATE_IN_FILE', { ticketNo, courseCode, row: earlier });
      else this.passedRows.set(key, raw.row);
    }
    if (errors.length > 0) return { record: null, errors };
    return {
      record: {
        row: raw.row,
        ticketNo,
        courseId: courseId!,
        courseCode,
        periodCode,
        score,
        grade: grade || null,
        passedBy: passedBy!,
      },
      errors: [],
    };
  }
}
