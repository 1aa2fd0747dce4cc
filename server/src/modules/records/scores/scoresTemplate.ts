import { PRACTICAL_GRADES, SCORE_IMPORT_HEADERS, SCORE_MARK_LABELS } from '@kaowei/shared';
import { loadExcelJs } from '../../../lib/excelJs';
import { SCORES_SHEET } from './scoreRows';

const NOTES: Array<[string, string]> = [
  ['准考证号', '12位数字；须在本考次报考并已缴费该课程'],
  ['课程代码', '5位课程代码'],
  ['成绩', '0至100的整数；达到课程合格分数线（默认60分）为合格'],
  ['等级', `实践课程填写：${PRACTICAL_GRADES.join('、')}`],
  ['标记', `${Object.values(SCORE_MARK_LABELS).join('、')}；标记的课程不合格`],
  ['说明', '每行的成绩、等级、标记只填其中一项；同一准考证号同一课程只能出现一次'],
];

/** 成绩导入模板.xlsx: the 成绩 sheet with its header (text cells keep leading zeros), and the notes. */
export async function scoresTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SCORES_SHEET);
  sheet.columns = SCORE_IMPORT_HEADERS.map((header) => ({ header, width: 16, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', width: 14 },
    { header: '填写要求', width: 70 },
  ];
  notes.addRows(NOTES);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV variant, UTF-8 with BOM so Excel opens it in Chinese. */
export const scoresTemplateCsv = () => `\uFEFF${SCORE_IMPORT_HEADERS.join(',')}\r\n`;
