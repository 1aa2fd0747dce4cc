import { MAJOR_IMPORT_HEADERS, type MajorImportKind } from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';
import { contentDisposition } from '../../../http/contentDisposition';
import { TEMPLATE_EXAMPLES } from './majorRows';

const NAMES: Record<MajorImportKind, { ascii: string; chinese: string }> = {
  majors: { ascii: 'majors-template.xlsx', chinese: '专业导入模板.xlsx' },
  plans: { ascii: 'course-plans-template.xlsx', chinese: '专业课程计划导入模板.xlsx' },
};

/** The import's header row and two example rows; code columns are text, so Excel keeps leading zeros. */
export async function majorTemplate(kind: MajorImportKind) {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind === 'majors' ? '专业' : '课程计划');
  const headers = MAJOR_IMPORT_HEADERS[kind];
  sheet.columns = headers.map((header) => ({
    header,
    width: Math.max(12, header.length * 3),
    style: header.endsWith('代码') ? { numFmt: '@' } : {},
  }));
  for (const example of TEMPLATE_EXAMPLES[kind]) sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: contentDisposition(NAMES[kind].ascii, NAMES[kind].chinese),
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
