import { parse } from 'csv-parse/sync';
import { loadExcelJs } from './excelJs';
import { AppError } from '../http/errors';

/** One spreadsheet row as the official sees it: its row number (header = 1) and its cells. */
export interface SheetRow {
  row: number;
  /** Strings (dates as YYYY-MM-DD), or numbers for numeric XLSX cells (Excel turns "00015" into 15). */
  cells: Array<string | number>;
}

export const SHEET_MAX_BYTES = 2 * 1024 * 1024;
const SHEET_MAX_ROWS = 5000;

const invalid = (reason: string) => new AppError('IMPORT_FILE_INVALID', { reason });

/** Reads the first sheet of an .xlsx file or a .csv file (UTF-8, or GB18030 as Excel saves it in China). */
export async function readSheet(file: { buffer: Buffer; originalname: string }): Promise<SheetRow[]> {
  const name = file.originalname.toLowerCase();
  const isZip = file.buffer.subarray(0, 2).toString('latin1') === 'PK';
  let rows: SheetRow[];
  if (name.endsWith('.xlsx') || (isZip && !name.endsWith('.csv'))) rows = await readXlsx(file.buffer);
  else if (name.endsWith('.csv') || name.endsWith('.txt')) rows = readCsv(file.buffer);
  else throw invalid('请上传 .xlsx 或 .csv 文件');
  if (rows.length - 1 > SHEET_MAX_ROWS) throw invalid(`一次最多导入${SHEET_MAX_ROWS}行`);
  return rows;
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function readCsv(buffer: Buffer): SheetRow[] {
  let records: string[][];
  try {
    records = parse(decodeText(buffer), { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch {
    throw invalid('CSV格式有误，请用Excel另存为CSV后重试');
  }
  return records.map((cells, index) => ({ row: index + 1, cells }));
}

async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid('无法读取Excel文件，请确认是 .xlsx 格式');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('Excel文件中没有工作表');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Array<string | number> = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A date cell (ExcelJS keeps the day as UTC midnight) reads as YYYY-MM-DD, not as JavaScript's Date text.
      const { value } = cell;
      cells[column - 1] =
        typeof value === 'number' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : cell.text;
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}
