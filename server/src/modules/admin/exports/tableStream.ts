import { PassThrough } from 'node:stream';
import { formatFen, type ExportFormat } from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';

/** A column of an export: its Chinese header, and how its values are written. */
export interface ExportColumn {
  header: string;
  /** money: integer fen, written as yuan with two decimals. */
  kind?: 'text' | 'integer' | 'money';
  width?: number;
}

export type Cell = string | number | null;

/** Rows arrive in pages, so a large export never sits in memory whole. */
export type RowPages = AsyncIterable<Cell[][]>;

const BOM = '\uFEFF';

/** A text cell that Excel would read as a formula (=, +, -, @) is written with a leading apostrophe. */
function csvField(value: Cell, kind: ExportColumn['kind']): string {
  if (value === null) return '';
  let text = kind === 'money' && typeof value === 'number' ? formatFen(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: Cell[], columns: ExportColumn[]): string {
  return `${values.map((v, i) => csvField(v, columns[i]?.kind)).join(',')}\r\n`;
}

/** Resolves once the reader has taken what was written (or has gone away). */
function drained(stream: PassThrough): Promise<void> {
  if (stream.destroyed || stream.writableLength < stream.writableHighWaterMark) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Streams a table as XLSX (exceljs streaming writer: rows are committed as they come) or as UTF-8
 * CSV with a BOM, so Excel opens the Chinese text correctly. Returns the stream to answer with at
 * once; rows are written in the background, and an error cuts the download short (the caller logs it).
 */
export function streamTable(
  format: ExportFormat,
  sheetName: string,
  columns: ExportColumn[],
  pages: RowPages,
  onDone: (result: { rows: number; error?: unknown }) => void,
): PassThrough {
  const out = new PassThrough();
  const write = format === 'xlsx' ? writeXlsx : writeCsv;
  write(out, sheetName, columns, pages).then(
    (rows) => onDone({ rows }),
    (error: unknown) => {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
      onDone({ rows: -1, error });
    },
  );
  return out;
}

async function writeCsv(out: PassThrough, _sheet: string, columns: ExportColumn[], pages: RowPages) {
  let rows = 0;
  out.write(
    BOM +
      csvLine(
        columns.map((c) => c.header),
        columns,
      ),
  );
  for await (const page of pages) {
    if (out.destroyed) return rows;
    out.write(page.map((values) => csvLine(values, columns)).join(''));
    rows += page.length;
    await drained(out);
  }
  out.end();
  return rows;
}

async function writeXlsx(out: PassThrough, sheetName: string, columns: ExportColumn[], pages: RowPages) {
  let rows = 0;
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: c.kind === 'money' ? { numFmt: '0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of pages) {
    if (out.destroyed) return rows;
    for (const values of page) {
      sheet
        .addRow(values.map((v, i) => (columns[i]?.kind === 'money' && typeof v === 'number' ? v / 100 : v)))
        .commit();
    }
    rows += page.length;
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
