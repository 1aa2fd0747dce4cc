import fs from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * The CJK font embedded (as a subset of the glyphs used) in every PDF the project draws (准考证, rosters):
 * WenQuanYi Micro Hei from Debian's fonts-wqy-microhei (Apache-2.0 or GPL-3 with the font exception,
 * which allows embedding), installed by .ci/run. It is read from this path, never found by a system font
 * lookup; TICKET_FONT_PATH points elsewhere (with TICKET_FONT_FAMILY for a collection's PostScript name).
 */
export const TICKET_FONT_PATH = process.env.TICKET_FONT_PATH ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FONT_FAMILY = process.env.TICKET_FONT_FAMILY ?? 'WenQuanYiMicroHei';

let parsedFont: fontkit.Font | undefined;
/**
 * Read and parsed once per process: fontkit memoises glyphs and layouts on the font object, so every
 * PDF after the first only lays out and subsets its text (this halves the time of one ticket).
 */
export function cjkFont(): fontkit.Font {
  parsedFont ??= fontkit.create(fs.readFileSync(TICKET_FONT_PATH), FONT_FAMILY);
  return parsedFont;
}

export const A4 = { width: 595.28, height: 841.89 };
export const INK = '#000000';
export const GREY = '#666666';

/** A new A4 document in the CJK font, and the promise of its bytes once `doc.end()` is called. */
export function openCjkPdf(options: {
  title: string;
  margin: number;
  layout?: 'portrait' | 'landscape';
  /** The document's creation date (default now): a fixed one makes the same content the same bytes. */
  createdAt?: Date;
}): {
  doc: PDFKit.PDFDocument;
  finished: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin,
    info: {
      Title: options.title,
      Author: '高等教育自学考试委员会办公室',
      Creator: 'Kaowei 考位',
      ...(options.createdAt && { CreationDate: options.createdAt }),
    },
    // The CJK font from the start: no Helvetica is parsed for a document that never uses it.
    font: cjkFont() as unknown as string,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor(INK);
  return { doc, finished };
}

/**
 * A framed photo box: the photo (JPEG or PNG) fitted inside, or a grey "照片" placeholder when there is
 * none or it cannot be read (an unreadable photo never fails the document).
 */
export function drawPhotoBox(
  doc: PDFKit.PDFDocument,
  photo: Buffer | null,
  box: { x: number; y: number; w: number; h: number },
  placeholderSize = 14,
): void {
  doc.lineWidth(0.8).rect(box.x, box.y, box.w, box.h).stroke();
  if (photo) {
    try {
      doc.image(photo, box.x + 2, box.y + 2, { fit: [box.w - 4, box.h - 4], align: 'center', valign: 'center' });
      return;
    } catch {
      // Falls through to the placeholder.
    }
  }
  doc
    .fontSize(placeholderSize)
    .fillColor(GREY)
    .text('照片', box.x, box.y + box.h / 2 - placeholderSize * 0.65, {
      width: box.w,
      align: 'center',
      lineBreak: false,
    })
    .fillColor(INK);
}

/**
 * One row of a ruled table at (x, y): each cell framed and its text wrapped to the cell's width, the row as
 * tall as its tallest cell. Returns the y below the row.
 */
export function drawTableRow(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  widths: number[],
  cells: string[],
  size: number,
  pad = 4,
): number {
  doc.fontSize(size);
  const height =
    Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * pad, lineGap: 1 }))) +
    2 * pad;
  let left = x;
  cells.forEach((cell, i) => {
    doc.rect(left, y, widths[i]!, height).stroke();
    doc.text(cell, left + pad, y + pad, { width: widths[i]! - 2 * pad, lineGap: 1 });
    left += widths[i]!;
  });
  return y + height;
}
