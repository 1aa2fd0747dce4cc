import { A4, GREY, INK, drawTableRow, openCjkPdf } from '../admission/pdf/cjkPdf';
import type { TransferCertificate } from './effects/transferOutEffect';

const MARGIN = 50;
const COLUMNS: Array<{ title: string; width: number }> = [
  { title: '序号', width: 32 },
  { title: '课程代码', width: 58 },
  { title: '课程名称', width: 150 },
  { title: '学分', width: 40 },
  { title: '成绩', width: 50 },
  { title: '合格方式', width: 56 },
  { title: '考试年月', width: 62 },
];

/** 转出证明 No.: the approved application's id, so the office can look the certificate up. */
export const transferCertificateNo = (applicationId: number) => `ZC${String(applicationId).padStart(8, '0')}`;

/**
 * 转出证明 (A4) from the content frozen at approval: the same application always draws the same document
 * (its creation date is the approval's).
 */
export async function renderTransferCertificate(
  applicationId: number,
  content: TransferCertificate,
  approvedAt: Date,
): Promise<Buffer> {
  const title = '高等教育自学考试转出证明';
  const { doc, finished } = openCjkPdf({ title, margin: MARGIN, createdAt: approvedAt });
  const width = A4.width - 2 * MARGIN;
  doc.fontSize(18).text(title, MARGIN, MARGIN, { width, align: 'center' });
  doc
    .fontSize(9)
    .fillColor(GREY)
    .text(`证明编号：${transferCertificateNo(applicationId)}`, MARGIN, MARGIN + 30, { width, align: 'right' })
    .fillColor(INK);

  const details: Array<[string, string]> = [
    ['姓　　名', content.name],
    ['性　　别', content.gender === 'M' ? '男' : '女'],
    ['证件号码', content.documentNo],
    ['准考证号', content.ticketNo],
    ['专　　业', `${content.majorCode} ${content.majorName}（${content.majorLevel}）`],
    ['转往省份', content.toProvince],
  ];
  let y = MARGIN + 56;
  for (const [label, value] of details) {
    doc.fontSize(11).fillColor(GREY).text(`${label}：`, MARGIN, y, { lineBreak: false });
    doc.fillColor(INK).text(value, MARGIN + 70, y, { lineBreak: false });
    y += 20;
  }
  const credits = content.courses.reduce((sum, c) => sum + c.credits, 0);
  y += 6;
  doc
    .fontSize(11)
    .text(
      `兹证明该考生在本省高等教育自学考试中已合格课程${content.courses.length}门，共${credits}学分，明细如下：`,
      MARGIN,
      y,
      { width },
    );
  y = doc.y + 8;

  const scale = width / COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = COLUMNS.map((c) => c.width * scale);
  const header = () =>
    drawTableRow(
      doc,
      MARGIN,
      y,
      widths,
      COLUMNS.map((c) => c.title),
      10,
    );
  doc.lineWidth(0.6);
  y = header();
  content.courses.forEach((c, i) => {
    if (y > A4.height - MARGIN - 120) {
      doc.addPage();
      y = MARGIN;
      y = header();
    }
    const result = c.score !== null ? String(c.score) : (c.grade ?? '合格');
    y = drawTableRow(
      doc,
      MARGIN,
      y,
      widths,
      [String(i + 1), c.courseCode, c.courseName, String(c.credits), result, c.passedByLabel, c.periodCode],
      9,
    );
  });
  if (content.courses.length === 0) {
    doc.fontSize(10).text('（无已合格课程）', MARGIN, y + 6, { width, align: 'center' });
    y = doc.y;
  }

  const [year, month, day] = content.approvedOn.split('-').map(Number);
  y = Math.max(y + 40, doc.y + 40);
  doc.fontSize(11).text('高等教育自学考试委员会办公室', MARGIN, y, { width, align: 'right' });
  doc.text(`${year}年${month}月${day}日`, MARGIN, y + 20, { width, align: 'right' });
  doc
    .fontSize(8)
    .fillColor(GREY)
    .text(
      '本证明由考生服务平台按转出申请批准时的考籍生成，凭证明编号可向省考试院核验。',
      MARGIN,
      A4.height - MARGIN - 12,
      {
        width,
        align: 'center',
        lineBreak: false,
      },
    );
  doc.end();
  return finished;
}
