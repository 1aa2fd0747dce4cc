import type { ImportJobState } from '../domain';
import type { ImportRowErrorCode } from '../errors';

/** 考籍导入 (#13): the two sheets of the template, in the order they are read, with their headers. */
export const ENROLLED_SHEETS = { tickets: '考籍', passed: '已合格课程' } as const;
export type EnrolledSheet = keyof typeof ENROLLED_SHEETS;

/** Header of the 考籍 sheet (one row per ticket). Columns are found by name; 手机号 and 出生日期 may be left empty. */
export const ENROLLED_TICKET_HEADERS = [
  '准考证号',
  '证件类型',
  '证件号码',
  '姓名',
  '性别',
  '民族',
  '专业代码',
  '报考县区代码',
  '考籍状态',
  '手机号',
  '出生日期',
] as const;

/** Header of the 已合格课程 sheet (one row per ticket and course). 成绩 or 等级, at least one. */
export const ENROLLED_PASSED_HEADERS = ['准考证号', '课程代码', '考次', '成绩', '等级', '合格方式'] as const;

/** The largest file an import takes. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** One refused row: the sheet, its row number as the spreadsheet shows it (header = 1), the column and why. */
export interface ImportRowError {
  sheet: string;
  row: number;
  field: string;
  code: ImportRowErrorCode;
  message: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an enrolled import changed, per kind of record. */
export interface EnrolledImportSummary {
  candidates: ImportCounts;
  tickets: ImportCounts;
  passedCourses: ImportCounts;
}

/** GET /api/admin/imports/enrolled/:id — an import job as the official follows it. */
export interface ImportJobView {
  id: number;
  kind: string;
  state: ImportJobState;
  fileName: string;
  /** Data rows of both sheets. */
  totalRows: number;
  /** Rows checked (dry run) or applied (import) so far. */
  doneRows: number;
  /** Rows refused by the dry run; the import starts only when this is 0. */
  errorRows: number;
  /** The first refused rows (at most IMPORT_ERRORS_KEPT); errorRows counts all. */
  errors: ImportRowError[];
  summary: EnrolledImportSummary | null;
  /** Why a job failed, when it did. */
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const IMPORT_ERRORS_KEPT = 1000;
