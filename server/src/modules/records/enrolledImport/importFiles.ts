import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { ENROLLED_SHEETS, type EnrolledSheet } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { loadExcelJs } from '../../../lib/excelJs';

/**
 * An upload kept on disk: one directory per job holding `workbook.xlsx` (both sheets), or `tickets.csv`
 * and, if given, `passed.csv`. Nothing here holds a file whole: rows are read one at a time.
 */
export const XLSX_FILE = 'workbook.xlsx';
export const CSV_FILES: Record<EnrolledSheet, string> = { tickets: 'tickets.csv', passed: 'passed.csv' };

/** One row as the spreadsheet shows it (header = row 1), every cell as text. */
export interface RawRow {
  sheet: EnrolledSheet;
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

async function* csvRows(file: string, sheet: EnrolledSheet): AsyncGenerator<RawRow> {
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

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text: dates as YYYY-MM-DD, numbers without grouping, formulas by their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
  }
  return String(value);
}

async function* xlsxRows(file: string): AsyncGenerator<RawRow> {
  const { default: ExcelJS } = await loadExcelJs();
  const stream: Readable = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  decodeWholeCharacters(reader);
  // unzipper now and then ends before xl/workbook.xml, the last entry of files exceljs writes, and the
  // reader then fails on `model.sheets`: without the names, the sheets are taken in order.
  (reader as unknown as { model?: unknown }).model = { sheets: [] };
  const order: EnrolledSheet[] = ['tickets', 'passed'];
  let index = 0;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      const byName = order.find((sheet) => ENROLLED_SHEETS[sheet] === name.trim());
      const sheet = byName ?? order[index];
      index += 1;
      if (!sheet) continue;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
        yield { sheet, row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile('无法读取Excel文件，请确认是 .xlsx 格式');
  } finally {
    stream.destroy();
  }
}

/** UTF-8 text of a stream of bytes, never cutting a character in two at a chunk's end. */
async function* utf8Chunks(bytes: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * exceljs's streaming reader decodes each chunk of XML on its own, so a Chinese character falling across
 * two chunks comes out as two replacement characters ("有效" read as "��效" now and then). Its worksheets
 * and shared strings are handed text decoded across chunks instead.
 */
function decodeWholeCharacters(reader: unknown): void {
  const parts = reader as {
    _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): unknown;
    _parseSharedStrings(entry: AsyncIterable<Buffer>): unknown;
  };
  const parseWorksheet = parts._parseWorksheet.bind(parts);
  parts._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Chunks(iterator) as never, sheetNo);
  const parseSharedStrings = parts._parseSharedStrings.bind(parts);
  parts._parseSharedStrings = (entry) => parseSharedStrings(Readable.from(utf8Chunks(entry)) as never);
}

/** Every row of the upload in `dir`, 考籍 first, then 已合格课程, headers included. */
export async function* readUpload(dir: string): AsyncGenerator<RawRow> {
  const names = await readdir(dir);
  if (names.includes(XLSX_FILE)) {
    yield* xlsxRows(path.join(dir, XLSX_FILE));
    return;
  }
  yield* csvRows(path.join(dir, CSV_FILES.tickets), 'tickets');
  if (names.includes(CSV_FILES.passed)) yield* csvRows(path.join(dir, CSV_FILES.passed), 'passed');
}
