import { createReadStream } from 'node:fs';
import {
  DOCUMENT_TYPE_LABELS,
  ENROLLED_PASSED_HEADERS,
  ENROLLED_SHEETS,
  ENROLLED_TICKET_HEADERS,
  isValidCourseCode,
  isValidPhone,
  isValidTicketNo,
  maskDocumentNo,
  PASSED_BY_LABELS,
  TICKET_STATUS_LABELS,
  validateDocument,
  type EnrolledSheet,
} from '@kaowei/shared';
import { parse } from 'csv-parse';
import mysql from 'mysql2/promise';
import type { IdCardVault } from '../src/lib/idCardVault';
import { readXlsxRows } from '../src/lib/xlsxRows';

/** The file(s) of the run: one workbook with both sheets, or the two CSV files. */
export interface ImportFiles {
  file: string;
  passedFile?: string;
}

interface SheetRow {
  sheet: EnrolledSheet;
  cells: string[];
}

async function* csvRows(file: string, sheet: EnrolledSheet): AsyncGenerator<SheetRow> {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const cells of parser as AsyncIterable<string[]>) yield { sheet, cells };
}

/** Rows of both sheets in order, headers included: XLSX through the server's own reader, CSV through csv-parse. */
async function* fileRows(files: ImportFiles, format: 'xlsx' | 'csv'): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    yield* csvRows(files.file, 'tickets');
    if (files.passedFile) yield* csvRows(files.passedFile, 'passed');
    return;
  }
  const order: EnrolledSheet[] = ['tickets', 'passed'];
  for await (const row of readXlsxRows(files.file)) {
    const sheet = order.find((s) => ENROLLED_SHEETS[s] === row.sheet.trim()) ?? order[row.sheetIndex];
    if (sheet) yield { sheet, cells: row.cells };
  }
}

const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map(Object.entries(labels).map(([key, label]) => [label as string, key as K]));
const DOCUMENT_TYPES = byLabel(DOCUMENT_TYPE_LABELS);
const STATUSES = byLabel(TICKET_STATUS_LABELS);
const PASSED_BY = byLabel(PASSED_BY_LABELS);
const GENDERS = new Map([
  ['男', 'M'],
  ['女', 'F'],
]);

/** Column positions by header name; a missing required column refuses the file. */
function columnsOf<H extends string>(cells: string[], headers: readonly H[]): Record<H, number> {
  const names = cells.map((cell) => cell.trim());
  return Object.fromEntries(headers.map((h) => [h, names.indexOf(h)])) as Record<H, number>;
}

class BadRow extends Error {}
function must<T>(value: T | undefined | null | false, what: string): T {
  if (value === undefined || value === null || value === false) throw new BadRow(what);
  return value;
}

/** A ticket row once checked and sealed: the candidate's columns are ready, only ids are left. */
interface TicketWork {
  ticketNo: string;
  hash: string;
  /** The candidate's values when this row is the first of its person in the run. */
  candidate: unknown[] | null;
  majorId: number;
  status: string;
}
interface PassedWork {
  ticketNo: string;
  values: unknown[];
}
type Batch = { sheet: 'tickets'; rows: TicketWork[] } | { sheet: 'passed'; rows: PassedWork[] };

const marks = (count: number, row: string) => Array.from({ length: count }, () => row).join(',');
const CANDIDATE_COLUMNS = `id_card_hash, id_card_cipher, id_card_masked, name, gender, birth_date, document_type,
  county_id, ethnicity, phone_on_file, must_change_password, token_version, created_at, updated_at`;
const CANDIDATE_ROW = `(${marks(14, '?')})`;
const PASSED_COLUMNS = 'ticket_id, course_id, period_code, score, grade, passed_by, created_at, updated_at';
const PASSED_ROW = `(${marks(8, '?')})`;

export interface RawImportResult {
  rows: number;
  seconds: number;
  batches: number;
}

/**
 * bench:import's fair comparator: the business work of importing the file into empty tables, written the
 * fastest plain way with mysql2 — reading the same file (reading is part of the work), per row the checks
 * that decide the values written (the shared document validator, codes resolved from maps, labels), the
 * document number hashed and encrypted by the same vault, then per 1,000 rows ONE transaction in ONE
 * round trip (multipleStatements): a multi-row INSERT of the batch's new candidates, their first id kept
 * in a variable so the tickets' INSERT names them as @c + k, COMMIT. Candidate and ticket ids come from
 * LAST_INSERT_ID ranges: a multi-row INSERT by the only connection writing fresh tables gets consecutive
 * ids when auto_increment_increment is 1 (checked first). The next batch is read, checked and sealed while
 * the previous one is written. No job table, no HTTP, no change detection, no audit, no duplicate-in-file
 * checks.
 */
export async function rawImport(
  databaseUrl: string,
  vault: IdCardVault,
  files: ImportFiles,
  format: 'xlsx' | 'csv',
  batchSize: number,
): Promise<RawImportResult> {
  const conn = await mysql.createConnection({ uri: databaseUrl, multipleStatements: true, timezone: 'Z' });
  try {
    const [[settings]] = await conn.query<mysql.RowDataPacket[]>('SELECT @@auto_increment_increment AS step');
    if (Number(settings!.step) !== 1) throw new Error('LAST_INSERT_ID ranges need auto_increment_increment = 1');
    const started = performance.now();
    const codes = async (table: string) => {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`SELECT id, code FROM ${table}`);
      return new Map(rows.map((r) => [String(r.code).trim(), Number(r.id)]));
    };
    const majors = await codes('majors');
    const counties = await codes('counties');
    const courses = await codes('courses');
    /** Document hash → candidate id, ticket number → ticket id: what later rows refer to. */
    const people = new Map<string, number>();
    const tickets = new Map<string, number>();
    const today = new Date();
    const now = new Date();

    const write = async (batch: Batch) => {
      if (batch.sheet === 'passed') {
        const values = batch.rows.flatMap((r) => [must(tickets.get(r.ticketNo), 'ticket'), ...r.values]);
        await conn.query(
          `START TRANSACTION; INSERT INTO passed_courses (${PASSED_COLUMNS}) VALUES ${marks(batch.rows.length, PASSED_ROW)}; COMMIT`,
          values,
        );
        return;
      }
      const created = batch.rows.filter((r) => r.candidate !== null);
      const statements = ['START TRANSACTION'];
      const values: unknown[] = [];
      /** The batch's new people by hash: their place among the candidates inserted, named @c + k. */
      const places = new Map(created.map((r, k) => [r.hash, k]));
      if (created.length > 0) {
        statements.push(`INSERT INTO candidates (${CANDIDATE_COLUMNS}) VALUES ${marks(created.length, CANDIDATE_ROW)}`);
        statements.push('SET @c = LAST_INSERT_ID()');
        for (const r of created) values.push(...r.candidate!);
      }
      const ticketRows = batch.rows.map((r) => {
        const place = places.get(r.hash);
        if (place !== undefined) {
          values.push(r.ticketNo, r.majorId, r.status, now, now);
          return `(?, @c + ${place}, ?, ?, ?, ?)`;
        }
        values.push(r.ticketNo, must(people.get(r.hash), 'candidate'), r.majorId, r.status, now, now);
        return '(?, ?, ?, ?, ?, ?)';
      });
      statements.push(
        `INSERT INTO tickets (ticket_no, candidate_id, major_id, status, created_at, updated_at) VALUES ${ticketRows.join(',')}`,
        'COMMIT',
      );
      const [results] = (await conn.query(statements.join(';\n'), values)) as unknown as [mysql.ResultSetHeader[]];
      const candidatesInserted = created.length > 0 ? results[1]! : null;
      const ticketsInserted = results[results.length - 2]!;
      if (
        ticketsInserted.affectedRows !== batch.rows.length ||
        (candidatesInserted?.affectedRows ?? 0) !== created.length
      )
        throw new Error('a batch inserted fewer rows than it sent');
      if (candidatesInserted) created.forEach((r, i) => people.set(r.hash, candidatesInserted.insertId + i));
      batch.rows.forEach((r, i) => tickets.set(r.ticketNo, ticketsInserted.insertId + i));
    };

    let ticketColumns: Record<(typeof ENROLLED_TICKET_HEADERS)[number], number> | null = null;
    let passedColumns: Record<(typeof ENROLLED_PASSED_HEADERS)[number], number> | null = null;
    /** Hashes of every person seen so far, written or not. */
    const seen = new Set<string>();
    let current: Batch | null = null;
    let pending: Promise<void> = Promise.resolve();
    let rows = 0;
    let batches = 0;
    const flush = async () => {
      if (!current) return;
      const batch = current;
      current = null;
      await pending;
      batches += 1;
      pending = write(batch);
      pending.catch(() => undefined);
    };

    for await (const { sheet, cells } of fileRows(files, format)) {
      if (cells.every((c) => c.trim() === '')) continue;
      if (sheet === 'tickets' && !ticketColumns) {
        ticketColumns = columnsOf(cells, ENROLLED_TICKET_HEADERS);
        continue;
      }
      if (sheet === 'passed' && !passedColumns) {
        passedColumns = columnsOf(cells, ENROLLED_PASSED_HEADERS);
        continue;
      }
      if (current && (current.sheet !== sheet || current.rows.length >= batchSize)) await flush();
      rows += 1;
      const cell = (index: number) => (cells[index] ?? '').trim();
      if (sheet === 'tickets') {
        const c = ticketColumns!;
        const ticketNo = cell(c['准考证号']);
        must(isValidTicketNo(ticketNo), `ticket ${ticketNo}`);
        const documentType = must(DOCUMENT_TYPES.get(cell(c['证件类型'])), 'document type');
        const check = validateDocument(documentType, cell(c['证件号码']), today);
        if (!check.ok) throw new BadRow(`document of ${ticketNo}: ${check.reason}`);
        const birthDate = check.birthDate ?? must(/^\d{4}-\d{2}-\d{2}$/.exec(cell(c['出生日期'])), 'birth date')[0];
        const gender = must(GENDERS.get(cell(c['性别'])), 'gender');
        if (check.gender && check.gender !== gender) throw new BadRow(`gender of ${ticketNo}`);
        const phone = cell(c['手机号']);
        if (phone !== '' && !isValidPhone(phone)) throw new BadRow(`phone of ${ticketNo}`);
        const hash = vault.hash(check.documentNo);
        const isNew = !seen.has(hash);
        seen.add(hash);
        const row: TicketWork = {
          ticketNo,
          hash,
          candidate: isNew
            ? [
                hash,
                vault.encrypt(check.documentNo),
                maskDocumentNo(check.documentNo),
                cell(c['姓名']),
                gender,
                birthDate,
                documentType,
                must(counties.get(cell(c['报考县区代码'])), 'county'),
                cell(c['民族']) || null,
                phone || null,
                true,
                0,
                now,
                now,
              ]
            : null,
          majorId: must(majors.get(cell(c['专业代码'])), 'major'),
          status: must(STATUSES.get(cell(c['考籍状态'])), 'status'),
        };
        current ??= { sheet, rows: [] };
        (current.rows as TicketWork[]).push(row);
      } else {
        const c = passedColumns!;
        const codeText = cell(c['课程代码']);
        const courseCode = /^\d{1,5}$/.test(codeText) ? codeText.padStart(5, '0') : codeText;
        must(isValidCourseCode(courseCode), 'course code');
        const periodCode = must(/^(19|20)\d{2}(0[1-9]|1[0-2])$/.exec(cell(c['考次'])), 'period')[0];
        const scoreText = cell(c['成绩']);
        const score = scoreText === '' ? null : Number(scoreText);
        if (score !== null && !(Number.isInteger(score) && score >= 0 && score <= 100)) throw new BadRow('score');
        const row: PassedWork = {
          ticketNo: cell(c['准考证号']),
          values: [
            must(courses.get(courseCode), 'course'),
            periodCode,
            score,
            cell(c['等级']) || null,
            must(PASSED_BY.get(cell(c['合格方式'])), 'passed by'),
            now,
            now,
          ],
        };
        current ??= { sheet, rows: [] };
        (current.rows as PassedWork[]).push(row);
      }
    }
    await flush();
    await pending;
    return { rows, seconds: (performance.now() - started) / 1000, batches };
  } finally {
    await conn.end();
  }
}

/** Rows of the three tables and a checksum of their content (ciphertexts aside: their IVs are random). */
export async function importedRecords(databaseUrl: string) {
  const conn = await mysql.createConnection({ uri: databaseUrl });
  try {
    const [[row]] = await conn.query<mysql.RowDataPacket[]>(
      `SELECT
        (SELECT COUNT(*) FROM candidates) AS candidates,
        (SELECT COUNT(*) FROM tickets) AS tickets,
        (SELECT COUNT(*) FROM passed_courses) AS passedCourses,
        (SELECT BIT_XOR(CRC32(CONCAT_WS('|', c.id_card_hash, c.id_card_masked, c.name, c.gender, c.birth_date,
                c.document_type, k.code, c.ethnicity, c.phone_on_file, c.must_change_password, c.password_hash)))
           FROM candidates c JOIN counties k ON k.id = c.county_id) AS candidateSum,
        (SELECT BIT_XOR(CRC32(CONCAT_WS('|', t.ticket_no, c.id_card_hash, m.code, t.status)))
           FROM tickets t JOIN candidates c ON c.id = t.candidate_id JOIN majors m ON m.id = t.major_id) AS ticketSum,
        (SELECT BIT_XOR(CRC32(CONCAT_WS('|', t.ticket_no, k.code, p.period_code, p.score, p.grade, p.passed_by)))
           FROM passed_courses p JOIN tickets t ON t.id = p.ticket_id JOIN courses k ON k.id = p.course_id) AS passedSum`,
    );
    return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, String(value)]));
  } finally {
    await conn.end();
  }
}
