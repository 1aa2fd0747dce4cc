import { CERTIFICATE_HEADERS, CERTIFICATE_SHEET } from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';

/** 证书导入模板.xlsx: the header as text cells (numbers keep their leading zeros). */
export async function certificateTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(CERTIFICATE_SHEET);
  sheet.columns = CERTIFICATE_HEADERS.map((header) => ({ header, width: 18, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV variant, UTF-8 with BOM so Excel opens it in Chinese. */
export const certificateTemplateCsv = () => `\uFEFF${CERTIFICATE_HEADERS.join(',')}\r\n`;
