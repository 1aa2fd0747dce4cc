import { VENUE_IMPORT_HEADERS } from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';
import { VENUE_TEMPLATE_EXAMPLES } from './venueRows';

/** The import's header row and example rows; the county code column is text, so Excel keeps it as typed. */
export async function venueTemplate() {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('考点考场');
  sheet.columns = VENUE_IMPORT_HEADERS.map((header) => ({
    header,
    width: header === '考点地址' || header === '考点名称' ? 28 : Math.max(12, header.length * 3),
    style: header === '县区代码' ? { numFmt: '@' } : {},
  }));
  for (const example of VENUE_TEMPLATE_EXAMPLES) sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ascii: 'venues-template.xlsx',
    chinese: '考点考场导入模板.xlsx',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
