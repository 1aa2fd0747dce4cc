import {
  DOCUMENT_TYPE_LABELS,
  ENROLLED_PASSED_HEADERS,
  ENROLLED_SHEETS,
  ENROLLED_TICKET_HEADERS,
  PASSED_BY_LABELS,
  PASSING_GRADES,
  TICKET_STATUS_LABELS,
  type EnrolledSheet,
} from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';

const HEADERS: Record<EnrolledSheet, readonly string[]> = {
  tickets: ENROLLED_TICKET_HEADERS,
  passed: ENROLLED_PASSED_HEADERS,
};

/** What each column takes, for the 填写说明 sheet. */
const NOTES: Array<[string, string, string]> = [
  ['考籍', '准考证号', '12位数字，每行一个准考证；同一考生多个专业写多行'],
  ['考籍', '证件类型', Object.values(DOCUMENT_TYPE_LABELS).join('、')],
  ['考籍', '证件号码', '居民身份证、港澳台居民居住证校验出生日期和校验码；字母大写'],
  ['考籍', '姓名', '不超过32个字'],
  ['考籍', '性别', '男、女（身份证须与号码一致）'],
  ['考籍', '民族', '可空，如：汉族'],
  ['考籍', '专业代码', '系统中已有的专业代码'],
  ['考籍', '报考县区代码', '6位县（市、区）代码'],
  ['考籍', '考籍状态', Object.values(TICKET_STATUS_LABELS).join('、')],
  ['考籍', '手机号', '可空；原系统登记的手机号，考生首次登录须绑定此号码'],
  ['考籍', '出生日期', '证件为身份证或居住证时可空，其他证件必填，格式YYYY-MM-DD'],
  ['已合格课程', '准考证号', '考籍表中或系统中已有的准考证号'],
  ['已合格课程', '课程代码', '5位课程代码'],
  ['已合格课程', '考次', '年份加月份，如202304'],
  ['已合格课程', '成绩', '0至100的整数；考试合格的课程须填成绩或等级'],
  ['已合格课程', '等级', `实践课程可填：${PASSING_GRADES.join('、')}`],
  ['已合格课程', '合格方式', Object.values(PASSED_BY_LABELS).join('、')],
];

/** 考籍导入模板.xlsx: the two sheets with their headers (text cells, so numbers keep leading zeros), and the notes. */
export async function enrolledTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  for (const sheet of ['tickets', 'passed'] as const) {
    const worksheet = workbook.addWorksheet(ENROLLED_SHEETS[sheet]);
    worksheet.columns = HEADERS[sheet].map((header) => ({ header, width: 16, style: { numFmt: '@' } }));
    worksheet.getRow(1).font = { bold: true };
  }
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '表', width: 12 },
    { header: '列', width: 14 },
    { header: '填写要求', width: 70 },
  ];
  notes.addRows(NOTES);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV variant: one file per sheet, UTF-8 with BOM so Excel opens it in Chinese. */
export function enrolledTemplateCsv(sheet: EnrolledSheet): string {
  return `\uFEFF${HEADERS[sheet].join(',')}\r\n`;
}
