import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * Rows of an .xlsx file, sheet by sheet, read straight from the file: the ZIP's central directory says where
 * each part is, a sheet's XML is inflated and scanned row by row as it streams, and only the shared strings
 * are held (as Excel's own reader does). Written for the enrolled import after exceljs's streaming reader
 * was found to drop ZIP entries now and then, and to cut characters in two at chunk ends.
 */

export class XlsxError extends Error {}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The entries of a ZIP by name, from its end-of-central-directory record (no ZIP64: files here are ≤ 50 MB). */
async function zipEntries(file: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(file, size - tailLength, tailLength);
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new XlsxError('not a ZIP file');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (directory.readUInt32LE(at) !== 0x02014b50) throw new XlsxError('damaged ZIP directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name.replace(/^\//, ''), {
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's text, as UTF-8 chunks that never cut a character in two. */
async function* entryText(path: string, file: FileHandle, entry: ZipEntry): AsyncGenerator<string> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('damaged ZIP entry');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  const bytes = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  if (entry.method !== 8 && entry.method !== 0) throw new XlsxError(`unsupported compression ${entry.method}`);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    raw.destroy();
  }
}

async function wholeText(path: string, file: FileHandle, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  let text = '';
  for await (const chunk of entryText(path, file, entry)) text += chunk;
  return text;
}

const MAX_ELEMENT_CHARS = 1_000_000;
/** Shared strings are held whole: this many characters of them at most. */
const MAX_SHARED_CHARS = 100_000_000;

/** Complete `<tag …>…</tag>` (or `<tag …/>`) elements of a stream of XML text, one at a time. */
async function* elements(chunks: AsyncIterable<string>, tag: string): AsyncGenerator<string> {
  const open = new RegExp(`<${tag}[\\s/>]`, 'g');
  const close = `</${tag}>`;
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let consumed = 0;
    for (;;) {
      open.lastIndex = consumed;
      const found = open.exec(buffer);
      if (!found) break;
      const startTagEnd = buffer.indexOf('>', found.index);
      if (startTagEnd < 0) break;
      if (buffer[startTagEnd - 1] === '/') {
        yield buffer.slice(found.index, startTagEnd + 1);
        consumed = startTagEnd + 1;
        continue;
      }
      const end = buffer.indexOf(close, startTagEnd);
      if (end < 0) break;
      yield buffer.slice(found.index, end + close.length);
      consumed = end + close.length;
    }
    // Keep from the first element not yet complete (or the tail that may start one).
    open.lastIndex = consumed;
    const pending = open.exec(buffer);
    buffer = pending ? buffer.slice(pending.index) : buffer.slice(Math.max(consumed, buffer.length - tag.length - 2));
    // A row or string this long is no spreadsheet a person filled in (or a ZIP bomb): stop before memory runs out.
    if (buffer.length > MAX_ELEMENT_CHARS)
      throw new XlsxError(`a <${tag}> element over ${MAX_ELEMENT_CHARS} characters`);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (text: string) =>
  text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    return String.fromCodePoint(
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
    );
  });

/** The text of a shared string or an inline string: every `<t>` run, phonetic hints (`<rPh>`) left out. */
function runsText(xml: string): string {
  let text = '';
  for (const match of xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) {
    text += match[1];
  }
  return unescape(text);
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** "C12" → 2 (0-based column). */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

export interface XlsxSheetRow {
  /** Sheet name, and its position among the workbook's sheets (0-based). */
  sheet: string;
  sheetIndex: number;
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** Cell texts by column: numbers as written (dates stay Excel serial numbers), booleans as TRUE/FALSE. */
  cells: string[];
}

/** Every non-empty row of every sheet, in the workbook's sheet order. */
export async function* readXlsxRows(path: string): AsyncGenerator<XlsxSheetRow> {
  const file = await open(path, 'r');
  try {
    const entries = await zipEntries(file, (await file.stat()).size);
    const workbook = await wholeText(path, file, entries.get('xl/workbook.xml'));
    if (!workbook) throw new XlsxError('no xl/workbook.xml');
    const rels = await wholeText(path, file, entries.get('xl/_rels/workbook.xml.rels'));
    const targets = new Map(
      [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => [attribute(m[0], 'Id'), attribute(m[0], 'Target')]),
    );
    const shared: string[] = [];
    const sst = entries.get('xl/sharedStrings.xml');
    let sharedChars = 0;
    if (sst) {
      for await (const si of elements(entryText(path, file, sst), 'si')) {
        const text = runsText(si);
        sharedChars += text.length;
        if (sharedChars > MAX_SHARED_CHARS) throw new XlsxError('shared strings too large');
        shared.push(text);
      }
    }
    const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => ({
      name: unescape(attribute(m[0], 'name') ?? ''),
      target: targets.get(attribute(m[0], 'r:id')) ?? '',
    }));
    for (const [sheetIndex, sheet] of sheets.entries()) {
      const entryName = sheet.target.startsWith('/') ? sheet.target.slice(1) : `xl/${sheet.target}`;
      const entry = entries.get(entryName);
      if (!entry) continue;
      let lastRow = 0;
      for await (const rowXml of elements(entryText(path, file, entry), 'row')) {
        const rowTag = rowXml.slice(0, rowXml.indexOf('>') + 1);
        const row = Number(attribute(rowTag, 'r') ?? lastRow + 1);
        lastRow = row;
        const cells: string[] = [];
        let next = 0;
        for (const cell of rowXml.matchAll(/<c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const tag = cell[1] ?? '';
          const body = cell[2] ?? '';
          const reference = attribute(tag, 'r');
          const column = reference ? columnIndex(reference) : next;
          next = column + 1;
          const type = attribute(tag, 't');
          const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
          let text: string;
          if (type === 's') text = shared[Number(value)] ?? '';
          else if (type === 'inlineStr') text = runsText(body);
          else if (type === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
          else text = value === undefined ? '' : unescape(value);
          while (cells.length < column) cells.push('');
          cells[column] = text;
        }
        if (cells.some((c) => c !== '')) yield { sheet: sheet.name, sheetIndex, row, cells };
      }
    }
  } finally {
    await file.close();
  }
}
