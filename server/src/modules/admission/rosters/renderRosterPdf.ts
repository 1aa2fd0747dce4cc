import { ROSTER_KIND_LABELS, type RosterKind } from '@kaowei/shared';
import { A4, GREY, INK, drawPhotoBox, openCjkPdf } from '../pdf/cjkPdf';

/** One seat of a room's roster: a candidate, or an empty seat (seat chart only). */
export interface RosterSeat {
  seatNo: number;
  candidate: {
    name: string;
    ticketNo: string;
    /** Masked: door staff compare it with the card. */
    idCardNo: string;
    courseCode: string;
    courseName: string;
    /** The photo's bytes (JPEG or PNG), or null for the 照片 placeholder. */
    photo: Buffer | null;
  } | null;
}

export interface RosterDrawing {
  kind: RosterKind;
  periodName: string;
  countyName: string;
  venueName: string;
  venueAddress: string;
  roomNo: number;
  unitLabel: string;
  /** Every seat of the room, 1..n, in order. */
  seats: RosterSeat[];
}

const MARGIN = 30;
const WIDTH = A4.width - 2 * MARGIN;
/** An ideographic space between the parts of a header line. */
const GAP = '\u3000';
const seatLabel = (n: number) => `${String(n).padStart(2, '0')}号`;

/** Title and the room line at the top of every page; returns where the body starts. */
function drawHeader(doc: PDFKit.PDFDocument, roster: RosterDrawing, page: number, pages: number): number {
  const assigned = roster.seats.filter((s) => s.candidate).length;
  doc
    .fillColor(INK)
    .fontSize(16)
    .text(`${roster.periodName} 高等教育自学考试 ${ROSTER_KIND_LABELS[roster.kind]}`, MARGIN, MARGIN, {
      width: WIDTH,
      align: 'center',
    });
  doc
    .fontSize(10)
    .text(
      `${roster.countyName}${GAP}${roster.venueName}${GAP}第${roster.roomNo}考场${GAP}${roster.unitLabel}${GAP}共${assigned}人`,
      MARGIN,
      MARGIN + 26,
      { width: WIDTH, align: 'center' },
    );
  doc
    .fontSize(8)
    .fillColor(GREY)
    .text(`考点地址：${roster.venueAddress}${GAP}${GAP}第${page}页/共${pages}页`, MARGIN, MARGIN + 42, {
      width: WIDTH,
      align: 'center',
      lineBreak: false,
    })
    .fillColor(INK);
  return MARGIN + 62;
}

const GRID = { columns: 5, rows: 4 };

/** 座次表: a grid of seats, each with its number, photo, name, ticket and course, 20 to an A4 page. */
function drawSeatChart(doc: PDFKit.PDFDocument, roster: RosterDrawing): void {
  const perPage = GRID.columns * GRID.rows;
  const pages = Math.max(1, Math.ceil(roster.seats.length / perPage));
  const cellW = WIDTH / GRID.columns;
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    const top = drawHeader(doc, roster, page + 1, pages);
    const cellH = (A4.height - MARGIN - top) / GRID.rows;
    roster.seats.slice(page * perPage, (page + 1) * perPage).forEach((seat, i) => {
      const x = MARGIN + (i % GRID.columns) * cellW;
      const y = top + Math.floor(i / GRID.columns) * cellH;
      doc.lineWidth(0.6).rect(x, y, cellW, cellH).stroke();
      doc.fontSize(14).text(seatLabel(seat.seatNo), x, y + 4, { width: cellW, align: 'center', lineBreak: false });
      const c = seat.candidate;
      if (!c) {
        doc
          .fontSize(11)
          .fillColor(GREY)
          .text('空座', x, y + cellH / 2 - 6, { width: cellW, align: 'center', lineBreak: false })
          .fillColor(INK);
        return;
      }
      const photo = { w: 54, h: 72 };
      drawPhotoBox(doc, c.photo, { x: x + (cellW - photo.w) / 2, y: y + 24, ...photo }, 10);
      let ty = y + 24 + photo.h + 4;
      const line = (text: string, size: number) => {
        doc.fontSize(size).text(text, x + 3, ty, { width: cellW - 6, align: 'center', height: size * 2.6 });
        ty = doc.y + 1;
      };
      line(c.name, 11);
      line(c.ticketNo, 8);
      line(`${c.courseCode} ${c.courseName}`, 7);
    });
  }
}

const SIGN_COLUMNS: Array<{ title: string; width: number; cell: (s: RosterSeat) => string }> = [
  { title: '座号', width: 36, cell: (s) => seatLabel(s.seatNo) },
  { title: '准考证号', width: 82, cell: (s) => s.candidate!.ticketNo },
  { title: '姓名', width: 66, cell: (s) => s.candidate!.name },
  { title: '身份证号', width: 112, cell: (s) => s.candidate!.idCardNo },
  { title: '课程', width: 128, cell: (s) => `${s.candidate!.courseCode} ${s.candidate!.courseName}` },
  { title: '签名', width: 111, cell: () => '' },
];
const ROW_H = 26;

/** 签到表: a table of the seated candidates with an empty 签名 column, headers repeated on every page. */
function drawSignInSheet(doc: PDFKit.PDFDocument, roster: RosterDrawing): void {
  const seated = roster.seats.filter((s) => s.candidate);
  const scale = WIDTH / SIGN_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = SIGN_COLUMNS.map((c) => c.width * scale);
  const bodyTop = MARGIN + 62 + ROW_H;
  const perPage = Math.floor((A4.height - MARGIN - 40 - bodyTop) / ROW_H);
  const pages = Math.max(1, Math.ceil(seated.length / perPage));
  const row = (cells: string[], y: number, size: number) => {
    let x = MARGIN;
    doc.fontSize(size);
    cells.forEach((cell, i) => {
      doc.rect(x, y, widths[i]!, ROW_H).stroke();
      // One line per cell: a long course name ends in an ellipsis rather than spilling into the next row.
      doc.text(cell, x + 3, y + (ROW_H - size) / 2 - 1, { width: widths[i]! - 6, height: size * 1.4, ellipsis: true });
      x += widths[i]!;
    });
  };
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    let y = drawHeader(doc, roster, page + 1, pages);
    doc.lineWidth(0.6);
    row(
      SIGN_COLUMNS.map((c) => c.title),
      y,
      10,
    );
    y += ROW_H;
    for (const seat of seated.slice(page * perPage, (page + 1) * perPage)) {
      row(
        SIGN_COLUMNS.map((c) => c.cell(seat)),
        y,
        9,
      );
      y += ROW_H;
    }
    if (page === pages - 1) {
      doc
        .fontSize(9)
        .text('监考员签名：____________　____________　　缺考人数：______', MARGIN, y + 14, { width: WIDTH });
    }
  }
}

/** Draws a room's 座次表 or 签到表 as an A4 PDF and returns its bytes. */
export async function renderRosterPdf(roster: RosterDrawing): Promise<Buffer> {
  const title = `${ROSTER_KIND_LABELS[roster.kind]} ${roster.venueName} 第${roster.roomNo}考场`;
  const { doc, finished } = openCjkPdf({ title, margin: MARGIN });
  if (roster.kind === 'seats') drawSeatChart(doc, roster);
  else drawSignInSheet(doc, roster);
  doc.end();
  return finished;
}
