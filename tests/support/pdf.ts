import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A downloaded PDF's text as poppler extracts it, whitespace removed (Chinese only through the embedded font). */
export function pdfFlatText(pdf: string): string {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Renders the PDF's first page to `<base>.png` at 72 dpi (kept as a test artifact) and returns its bytes. */
export function firstPageToPng(pdf: string, base: string): Buffer {
  execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', pdf, base]);
  return readFileSync(`${base}.png`);
}
