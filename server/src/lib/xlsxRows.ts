import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Rows of an .xlsx file, sheet by sheet, read straight from the file: yauzl finds each part through the ZIP's
 * central directory and inflates it as a stream, saxes parses the XML as it comes, and only the shared strings
 * are held (as Excel's own reader does). Rows are handed out after each chunk of XML, and the next chunk is
 * read only when they have been taken, so a slow consumer never makes a whole sheet pile up in memory.
 * (exceljs's streaming reader dropped ZIP entries now and then, and cut characters in two at chunk ends.)
 */

export class XlsxError extends Error {}

/** A row, a string, or any single piece of XML this long is no spreadsheet a person filled in (or a ZIP bomb). */
const MAX_ELEMENT_CHARS = 1_000_000;
/** Shared strings are held whole: this many characters of them at most, each string costing 16 more. */
const MAX_SHARED_CHARS = 100_000_000;
const SHARED_STRING_COST = 16;
/** An .xlsx has tens of parts; a ZIP directory of millions of entries is not one. */
const MAX_ZIP_ENTRIES = 10_000;
/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384;

/** The entries of the ZIP by name, from its central directory. */
async function zipEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  if (zip.entryCount > MAX_ZIP_ENTRIES) throw new XlsxError(`a ZIP of ${zip.entryCount} entries`);
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(new XlsxError(`damaged ZIP directory: ${error.message}`)));
    zip.readEntry();
  });
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** The relationship of a workbook's `<sheet>`: `r:id`, whatever the namespace's prefix. */
function relationshipId(tag: SaxesTagPlain): string {
  for (const key in tag.attributes) if (key.endsWith(':id')) return tag.attributes[key] ?? '';
  return '';
}

/** What to collect from a part's XML; element names without their namespace prefix. */
interface XmlHandlers<T> {
  open?(name: string, tag: SaxesTagPlain, out: T[]): void;
  close?(name: string, out: T[]): void;
  text?(text: string, out: T[]): void;
}

/**
 * What `handlers` collect from a ZIP entry's XML, handed out after each chunk: the entry is read one chunk at
 * a time, decoded as UTF-8 by the stream (a character split between chunks is kept whole), and the next chunk
 * is read only once the consumer has taken what the last one gave.
 */
async function* parseEntry<T>(zip: ZipFile, entry: Entry, handlers: XmlHandlers<T>): AsyncGenerator<T> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw new XlsxError(`damaged ZIP entry ${entry.fileName}: ${(error as Error).message}`);
  }
  stream.setEncoding('utf8');
  // No line/column tracking: a fifth faster, and an error names the part anyway.
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const out: T[] = [];
  // Where the parser last finished a tag or a text: what it holds unfinished started there.
  let settled = 0;
  parser.on('opentag', (tag) => {
    settled = parser.position;
    handlers.open?.(localName(tag.name), tag, out);
  });
  parser.on('closetag', (tag) => {
    settled = parser.position;
    handlers.close?.(localName(tag.name), out);
  });
  parser.on('text', (text) => {
    settled = parser.position;
    handlers.text?.(text, out);
  });
  parser.on('error', (error) => {
    throw new XlsxError(`bad XML in ${entry.fileName}: ${error.message}`);
  });
  let empty = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      empty = false;
      parser.write(chunk);
      if (parser.position - settled > MAX_ELEMENT_CHARS)
        throw new XlsxError(`a piece of XML over ${MAX_ELEMENT_CHARS} characters in ${entry.fileName}`);
      if (out.length > 0) yield* out.splice(0);
    }
    if (!empty) parser.close();
    yield* out.splice(0);
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError(`damaged ZIP entry ${entry.fileName}: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}

async function collect<T>(zip: ZipFile, entry: Entry | undefined, handlers: XmlHandlers<T>): Promise<T[]> {
  const all: T[] = [];
  if (entry) for await (const item of parseEntry(zip, entry, handlers)) all.push(item);
  return all;
}

/**
 * The text of a shared string (`<si>`) or an inline string (`<is>`): every `<t>` run, phonetic hints
 * (`<rPh>`) left out; over MAX_ELEMENT_CHARS it is refused.
 */
class RunsText {
  text = '';
  private inT = false;
  private phonetic = 0;

  start() {
    this.text = '';
    this.inT = false;
    this.phonetic = 0;
  }

  /** Whether the element was part of the runs. */
  open(name: string): boolean {
    if (name === 'rPh') this.phonetic += 1;
    else if (name === 't') this.inT = this.phonetic === 0;
    else return false;
    return true;
  }

  close(name: string): boolean {
    if (name === 'rPh') this.phonetic -= 1;
    else if (name === 't') this.inT = false;
    else return false;
    return true;
  }

  add(text: string, element: string) {
    if (!this.inT) return;
    this.text += text;
    if (this.text.length > MAX_ELEMENT_CHARS)
      throw new XlsxError(`a <${element}> element over ${MAX_ELEMENT_CHARS} characters`);
  }
}

async function sharedStrings(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
  const runs = new RunsText();
  let inString = false;
  let chars = 0;
  return collect<string>(zip, entry, {
    open(name) {
      if (name === 'si') {
        inString = true;
        runs.start();
      } else if (inString) runs.open(name);
    },
    close(name, out) {
      if (name !== 'si') {
        if (inString) runs.close(name);
        return;
      }
      inString = false;
      chars += runs.text.length + SHARED_STRING_COST;
      if (chars > MAX_SHARED_CHARS) throw new XlsxError('shared strings too large');
      out.push(runs.text);
    },
    text(text) {
      if (inString) runs.add(text, 'si');
    },
  });
}

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

type SheetRow = Pick<XlsxSheetRow, 'row' | 'cells'>;

/** The non-empty rows of a worksheet's XML, as it streams. */
function sheetRows(zip: ZipFile, entry: Entry, shared: string[]): AsyncGenerator<SheetRow> {
  const runs = new RunsText();
  let inRow = false;
  let row = 0;
  let cells: string[] = [];
  let rowChars = 0;
  let next = 0;
  // The cell being read.
  let inCell = false;
  let column = 0;
  let type: string | undefined;
  let value: string | undefined;
  let inValue = false;
  return parseEntry<SheetRow>(zip, entry, {
    open(name, tag) {
      if (name === 'row') {
        inRow = true;
        row = Number(tag.attributes.r ?? row + 1);
        cells = [];
        rowChars = 0;
        next = 0;
      } else if (name === 'c' && inRow) {
        inCell = true;
        const reference = tag.attributes.r;
        const index = reference ? columnIndex(reference) : -1;
        column = index >= 0 ? index : next;
        if (column >= MAX_COLUMNS) throw new XlsxError(`a cell beyond column ${MAX_COLUMNS}`);
        next = column + 1;
        type = tag.attributes.t;
        value = undefined;
        runs.start();
      } else if (inCell) {
        if (name === 'v' && value === undefined) {
          inValue = true;
          value = '';
        } else runs.open(name);
      }
    },
    text(text) {
      if (!inCell) return;
      if (inValue) value += text;
      else runs.add(text, 'row');
      rowChars += text.length;
      if (rowChars > MAX_ELEMENT_CHARS) throw new XlsxError(`a <row> element over ${MAX_ELEMENT_CHARS} characters`);
    },
    close(name, out) {
      if (name === 'c' && inCell) {
        inCell = false;
        let text: string;
        if (type === 's') text = shared[Number(value)] ?? '';
        else if (type === 'inlineStr') text = runs.text;
        else if (type === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
        else text = value ?? '';
        while (cells.length < column) cells.push('');
        cells[column] = text;
      } else if (name === 'v') inValue = false;
      else if (inCell) runs.close(name);
      else if (name === 'row' && inRow) {
        inRow = false;
        if (cells.some((c) => c !== '')) out.push({ row, cells });
      }
    },
  });
}

interface SheetEntry {
  name: string;
  relationship: string;
}

/** Every non-empty row of every sheet, in the workbook's sheet order. */
export async function* readXlsxRows(path: string): AsyncGenerator<XlsxSheetRow> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw error;
    throw new XlsxError(`not a ZIP file: ${(error as Error).message}`);
  }
  try {
    const entries = await zipEntries(zip);
    const workbook = entries.get('xl/workbook.xml');
    if (!workbook) throw new XlsxError('no xl/workbook.xml');
    const sheets = await collect<SheetEntry>(zip, workbook, {
      open(name, tag, out) {
        if (name === 'sheet') out.push({ name: tag.attributes.name ?? '', relationship: relationshipId(tag) });
      },
    });
    const relationships = await collect<[string, string]>(zip, entries.get('xl/_rels/workbook.xml.rels'), {
      open(name, tag, out) {
        if (name === 'Relationship') out.push([tag.attributes.Id ?? '', tag.attributes.Target ?? '']);
      },
    });
    const targets = new Map(relationships);
    const shared = await sharedStrings(zip, entries.get('xl/sharedStrings.xml'));
    for (const [sheetIndex, sheet] of sheets.entries()) {
      const target = targets.get(sheet.relationship) ?? '';
      const entry = entries.get(target.startsWith('/') ? target.slice(1) : posix.join('xl', target));
      if (!entry) continue;
      for await (const { row, cells } of sheetRows(zip, entry, shared)) {
        yield { sheet: sheet.name, sheetIndex, row, cells };
      }
    }
  } finally {
    zip.close();
  }
}
