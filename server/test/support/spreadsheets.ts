import ExcelJS from 'exceljs';

/** The first sheet of an XLSX file as rows of cell values (ExcelJS's 1-based padding removed). */
export async function readXlsx(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** Column headers of the bookings export, as officials see them. */
export const BOOKING_HEADERS = [
  '准考证号',
  '姓名',
  '身份证号(脱敏)',
  '市(州)',
  '县区',
  '课程代码',
  '课程名称',
  '考试单元',
  '考试时间',
  '状态',
  '保存时间',
  '缴费时间',
  '订单号',
];
