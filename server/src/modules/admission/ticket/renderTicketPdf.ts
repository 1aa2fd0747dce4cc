import QRCode from 'qrcode';
import { A4, GREY, INK, cjkFont, drawPhotoBox, drawTableRow, openCjkPdf } from '../pdf/cjkPdf';
import type { TicketContent } from './ticketContent';

export { TICKET_FONT_PATH } from '../pdf/cjkPdf';

/**
 * Parses the font and draws one made-up ticket when the app starts, in the background: the first
 * candidates of a print window then find the font parsed and the drawing code compiled, instead of
 * twenty of them waiting on a cold process together.
 */
export function warmUpTicketRendering(): void {
  cjkFont();
  setImmediate(() => {
    const exam = {
      unitId: 0,
      unitLabel: '4月10日（周六）上午 9:00–11:30',
      examDate: '2027-04-10',
      courseCode: '00000',
      courseName: '课程名称',
      seat: { venueName: '考点', venueAddress: '地址', roomNo: 1, seatNo: 1 },
    };
    const content: TicketContent = {
      title: '高等教育自学考试准考证',
      name: '考生',
      gender: 'M',
      documentNo: '000000000000000000',
      ticketNo: '000000000000',
      photoId: null,
      exams: [exam, { ...exam, seat: null }],
      rules: '考场规则',
      candidateId: 0,
      periodId: 0,
      version: 0,
    };
    renderTicketPdf({ content, photo: null, qrToken: 'warm-up' }).catch(() => undefined);
  });
}

const MARGIN = 40;

export interface TicketDrawing {
  content: TicketContent;
  /** The photo's bytes (JPEG or PNG), or null for the 照片 placeholder. */
  photo: Buffer | null;
  /** The signed token the QR code carries. */
  qrToken: string;
}

/** Draws one A4 ticket and returns the PDF's bytes. */
export async function renderTicketPdf({ content, photo, qrToken }: TicketDrawing): Promise<Buffer> {
  const { doc, finished } = openCjkPdf({ title: content.title, margin: MARGIN });

  const right = A4.width - MARGIN;
  const contentWidth = right - MARGIN;

  doc.fontSize(18).text(content.title, MARGIN, MARGIN, { width: contentWidth, align: 'center' });

  // Photo box (top right) and the candidate's details beside it.
  const photoBox = { x: right - 96, y: 84, w: 96, h: 128 };
  drawPhotoBox(doc, photo, photoBox);

  const details: Array<[string, string]> = [
    ['姓　　名', content.name],
    ['性　　别', content.gender === 'M' ? '男' : '女'],
    ['证件号码', content.documentNo],
    ['准考证号', content.ticketNo],
  ];
  let y = photoBox.y + 6;
  for (const [label, value] of details) {
    doc.fontSize(12).fillColor(GREY).text(`${label}：`, MARGIN, y, { lineBreak: false });
    doc.fillColor(INK).text(value, MARGIN + 72, y, { lineBreak: false });
    y += 24;
  }
  drawQr(doc, qrToken, photoBox.x - 112, photoBox.y, 100);
  doc
    .fontSize(7)
    .fillColor(GREY)
    .text('考务人员扫码核验', photoBox.x - 112, photoBox.y + 102, { width: 100, align: 'center' })
    .fillColor(INK);

  y = photoBox.y + photoBox.h + 18;
  y = drawExamTable(doc, content, y, contentWidth);

  y += 16;
  doc.fontSize(12).text('考场规则 / 应试须知', MARGIN, y, { width: contentWidth });
  doc
    .moveDown(0.3)
    .fontSize(9)
    .text(content.rules, { width: contentWidth, lineGap: 2, paragraphGap: 2, height: A4.height - MARGIN - 40 - doc.y });

  doc
    .fontSize(8)
    .fillColor(GREY)
    .text('请用A4纸打印，考试时携带本准考证和有效身份证件。', MARGIN, A4.height - MARGIN - 12, {
      width: contentWidth,
      align: 'center',
      lineBreak: false,
    });
  doc.end();
  return finished;
}

const COLUMNS: Array<{ title: string; width: number }> = [
  { title: '考试时间', width: 108 },
  { title: '课程代码', width: 50 },
  { title: '课程名称', width: 96 },
  { title: '考点及地址', width: 161 },
  { title: '考场', width: 50 },
  { title: '座号', width: 50 },
];

function drawExamTable(doc: PDFKit.PDFDocument, content: TicketContent, top: number, width: number): number {
  const scale = width / COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = COLUMNS.map((c) => c.width * scale);
  const row = (cells: string[], y: number, size: number): number => drawTableRow(doc, MARGIN, y, widths, cells, size);
  doc.lineWidth(0.6);
  let y = row(
    COLUMNS.map((c) => c.title),
    top,
    10,
  );
  for (const exam of content.exams) {
    const seat = exam.seat;
    y = row(
      [
        exam.unitLabel,
        exam.courseCode,
        exam.courseName,
        seat ? `${seat.venueName}\n${seat.venueAddress}` : '待编排',
        seat ? `第${seat.roomNo}考场` : '待编排',
        seat ? `${String(seat.seatNo).padStart(2, '0')}号` : '待编排',
      ],
      y,
      9,
    );
  }
  return y;
}

/**
 * The QR code as vector squares: sharper when printed and smaller than an embedded image. One byte-mode
 * segment and a fixed mask pattern (any is valid) skip the segment search and the scoring of all eight
 * masks, and each row's runs of dark modules are one rectangle: together most of the time a QR code took.
 */
function drawQr(doc: PDFKit.PDFDocument, token: string, x: number, y: number, size: number): void {
  const qr = QRCode.create([{ data: Buffer.from(token), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 0 });
  const count = qr.modules.size;
  const cell = size / (count + 2);
  for (let r = 0; r < count; r++) {
    let c = 0;
    while (c < count) {
      if (!qr.modules.get(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < count && qr.modules.get(r, c)) c += 1;
      doc.rect(x + (start + 1) * cell, y + (r + 1) * cell, (c - start) * cell, cell);
    }
  }
  doc.fill(INK);
}
