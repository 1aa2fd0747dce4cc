import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { ENROLLED_SHEETS, type EnrolledSheet, type ImportRowError } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { readXlsxRows } from '../../../lib/xlsxRows';
import type { RowBatch } from './importRun';

/**
 * An upload kept on disk: one directory per job holding `workbook.xlsx` (both sheets), or `tickets.csv`
 * and, if given, `passed.csv`. Nothing here holds a file whole: rows are read one at a time.
 */
export const XLSX_FILE = 'workbook.xlsx';
export const CSV_FILES: Record<EnrolledSheet, string> = { tickets: 'tickets.csv', passed: 'passed.csv' };

/** One row as the spreadsheet shows it (header = row 1), every cell as text. */
export interface RawRow<S extends string = EnrolledSheet> {
  sheet: S;
  row: number;
  cells: string[];
}

export const invalidFile = (reason: string) => new AppError('IMPORT_FILE_INVALID', { reason });

/** The SHA-256 of the files one after the other, read in chunks: which upload a job imports. */
export async function sha256(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** XLSX or CSV, by the first bytes (a ZIP starts with "PK") and the name; anything else is refused. */
export async function sniffFormat(filePath: string, originalName: string): Promise<'xlsx' | 'csv'> {
  const name = originalName.toLowerCase();
  const handle = await open(filePath, 'r');
  const head = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const bytes = head.subarray(0, bytesRead);
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    if (name.endsWith('.csv')) throw invalidFile('文件内容不是CSV，请确认文件格式');
    return 'xlsx';
  }
  if (!name.endsWith('.csv') && !name.endsWith('.txt')) throw invalidFile('请上传 .xlsx 文件，或 .csv 文件');
  // A text file: no NUL bytes (a binary file renamed .csv is refused here).
  if (bytes.includes(0)) throw invalidFile('文件内容不是CSV，请用Excel另存为CSV后重试');
  return 'csv';
}

/** Decodes UTF-8 (with or without BOM), or GB18030 as Excel in China saves CSV, chunk by chunk. */
function decodeText(): Transform {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!decoder) {
        let utf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
        } catch {
          utf8 = false;
        }
        decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
      }
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder?.decode() ?? '');
    },
  });
}

async function* csvRows<S extends string>(file: string, sheet: S): AsyncGenerator<RawRow<S>> {
  const parser = createReadStream(file)
    .pipe(decodeText())
    .pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { sheet, row, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile(`CSV第${row + 1}行格式有误，请用Excel另存为CSV后重试`);
  } finally {
    parser.destroy();
  }
}

async function* xlsxRows(file: string): AsyncGenerator<RawRow> {
  const order: EnrolledSheet[] = ['tickets', 'passed'];
  try {
    for await (const row of readXlsxRows(file)) {
      // By the sheet's name, or else by its place (the first two sheets; a third, such as 填写说明, is not read).
      const sheet = order.find((s) => ENROLLED_SHEETS[s] === row.sheet.trim()) ?? order[row.sheetIndex];
      if (sheet) yield { sheet, row: row.row, cells: row.cells };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile('无法读取Excel文件，请确认是 .xlsx 格式');
  }
}

/**
 * Every row of the upload in `dir`, 考籍 first, then 已合格课程, headers included. With `headersOnly`, a CSV
 * file is read up to its first row that is not blank (a workbook's sheets can only be reached in order).
 */
export async function* readUpload(dir: string, options: { headersOnly?: boolean } = {}): AsyncGenerator<RawRow> {
  const names = await readdir(dir);
  if (names.includes(XLSX_FILE)) {
    yield* xlsxRows(path.join(dir, XLSX_FILE));
    return;
  }
  for (const sheet of ['tickets', 'passed'] as const) {
    if (!names.includes(CSV_FILES[sheet])) continue;
    for await (const row of csvRows(path.join(dir, CSV_FILES[sheet]), sheet)) {
      yield row;
      if (options.headersOnly && row.cells.some((cell) => cell.trim() !== '')) break;
    }
  }
}

/** A one-sheet upload (scores, certificates): the workbook's first sheet, or the CSV file. */
export const SHEET_CSV_FILE = 'sheet.csv';

/** Every row of a one-sheet upload in `dir`, header included; `sheet` names the rows in errors. */
export async function* readSheetUpload<S extends string>(dir: string, sheet: S): AsyncGenerator<RawRow<S>> {
  const names = await readdir(dir);
  if (!names.includes(XLSX_FILE)) {
    yield* csvRows(path.join(dir, SHEET_CSV_FILE), sheet);
    return;
  }
  try {
    for await (const row of readXlsxRows(path.join(dir, XLSX_FILE))) {
      if (row.sheetIndex > 0) break;
      yield { sheet, row: row.row, cells: row.cells };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile('无法读取Excel文件，请确认是 .xlsx 格式');
  }
}

/** The row checks of a one-sheet kind: the header first, then each row on its own. */
export interface SheetRowChecker<R> {
  hasHeader(): boolean;
  header(cells: string[]): void;
  check(raw: RawRow<string>): { record: R | null; errors: ImportRowError[] };
}

/** Rows of a one-sheet upload, checked, that are read (and applied) together. */
export interface SheetBatch<R> extends RowBatch {
  records: R[];
}

/**
 * The data rows of a one-sheet upload in batches of `size`, each checked on its own (blank rows skipped,
 * the first row that is not blank is the header). The first `skip` data rows are checked but not handed
 * out: an import resumes after its last committed batch, with the checker still seeing every row.
 */
export async function* sheetBatches<S extends string, R>(
  dir: string,
  sheet: S,
  checker: SheetRowChecker<R>,
  options: { size: number; skip?: number },
): AsyncGenerator<SheetBatch<R>> {
  let skip = options.skip ?? 0;
  let current: SheetBatch<R> | null = null;
  for await (const raw of readSheetUpload(dir, sheet)) {
    if (raw.cells.every((cell) => cell.trim() === '')) continue;
    if (!checker.hasHeader()) {
      checker.header(raw.cells);
      continue;
    }
    const checked = checker.check(raw);
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    current ??= { records: [], errors: [], rows: 0 };
    current.rows += 1;
    if (checked.record) current.records.push(checked.record);
    else current.errors.push(...checked.errors);
    if (current.rows >= options.size) {
      yield current;
      current = null;
    }
  }
  if (!checker.hasHeader()) throw invalidFile('文件是空的，第1行须为表头');
  if (current) yield current;
}
