import type { SqlReader, SqlTx } from '../../../db/sqlTx';
import type { Db } from '../../../db/models';
import { sqlOf } from '../../../db/sqlTx';
import type { ReferenceCodes } from './enrolledRows';

/** SQL of the enrolled import in one place: reference codes, what exists, multi-row upserts. */

export const marks = (count: number, width: number) =>
  Array.from({ length: count }, () => `(${Array.from({ length: width }, () => '?').join(',')})`).join(',');
export const inList = (count: number) => Array.from({ length: count }, () => '?').join(',');

/** A DATEONLY as YYYY-MM-DD whichever way the driver hands it back (string, or a Date at UTC midnight). */
export const dateOnlyText = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export async function loadReferenceCodes(db: Db): Promise<ReferenceCodes> {
  const sql = sqlOf(db.sequelize);
  const map = async (table: string) =>
    new Map(
      (await sql.rows<{ id: number; code: string }>(`SELECT id, code FROM ${table}`)).map((r) => [r.code.trim(), r.id]),
    );
  return { majors: await map('majors'), counties: await map('counties'), courses: await map('courses') };
}

export interface TicketOwnerRow {
  id: number;
  ticket_no: string;
  candidate_id: number;
  major_id: number;
  status: string;
  id_card_hash: string;
}

export async function ticketsByNo(sql: SqlReader, ticketNos: string[]): Promise<TicketOwnerRow[]> {
  if (ticketNos.length === 0) return [];
  return sql.rows<TicketOwnerRow>(
    `SELECT t.id, t.ticket_no, t.candidate_id, t.major_id, t.status, c.id_card_hash
       FROM tickets t JOIN candidates c ON c.id = t.candidate_id WHERE t.ticket_no IN (${inList(ticketNos.length)})`,
    ticketNos,
  );
}

export interface CandidateRow {
  id: number;
  id_card_hash: string;
  name: string;
  gender: string;
  birth_date: unknown;
  document_type: string;
  county_id: number | null;
  ethnicity: string | null;
  phone_on_file: string | null;
  /** 合档: set on a closed record, the one it was merged into. */
  merged_into_id: number | null;
}

export async function candidatesByHash(sql: SqlReader, hashes: string[]): Promise<CandidateRow[]> {
  if (hashes.length === 0) return [];
  return sql.rows<CandidateRow>(
    `SELECT id, id_card_hash, name, gender, birth_date, document_type, county_id, ethnicity, phone_on_file,
            merged_into_id
       FROM candidates WHERE id_card_hash IN (${inList(hashes.length)})`,
    hashes,
  );
}

/** INSERT of many rows that updates `updates` columns of a row whose unique key already exists. */
export function upsert(
  tx: SqlTx,
  table: string,
  columns: string[],
  conflict: string[],
  updates: string[],
  rows: unknown[][],
) {
  if (rows.length === 0) return Promise.resolve();
  const set =
    tx.dialect === 'mysql'
      ? `ON DUPLICATE KEY UPDATE ${updates.map((c) => `${c} = VALUES(${c})`).join(', ')}`
      : `ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return tx.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${marks(rows.length, columns.length)} ${set}`,
    rows.flat(),
  );
}

const CANDIDATE_DETAILS = ['name', 'gender', 'birth_date', 'document_type', 'county_id', 'ethnicity', 'phone_on_file'];

/** New candidates start on the initial password: no hash, must change it; a changed one keeps its password. */
export function upsertCandidates(tx: SqlTx, rows: unknown[][]) {
  return upsert(
    tx,
    'candidates',
    [
      'id_card_hash',
      'id_card_cipher',
      'id_card_masked',
      ...CANDIDATE_DETAILS,
      'must_change_password',
      'token_version',
      'created_at',
      'updated_at',
    ],
    ['id_card_hash'],
    [...CANDIDATE_DETAILS, 'updated_at'],
    rows,
  );
}

export function upsertTickets(tx: SqlTx, rows: unknown[][]) {
  return upsert(
    tx,
    'tickets',
    ['ticket_no', 'candidate_id', 'major_id', 'status', 'created_at', 'updated_at'],
    ['ticket_no'],
    ['major_id', 'status', 'updated_at'],
    rows,
  );
}

export interface PassedRow {
  ticket_id: number;
  course_id: number;
  period_code: string;
  score: number | null;
  grade: string | null;
  passed_by: string;
}

export async function passedByTickets(tx: SqlReader, ticketIds: number[]): Promise<PassedRow[]> {
  if (ticketIds.length === 0) return [];
  return tx.rows<PassedRow>(
    `SELECT ticket_id, course_id, period_code, score, grade, passed_by FROM passed_courses
      WHERE ticket_id IN (${inList(ticketIds.length)})`,
    ticketIds,
  );
}

export function upsertPassed(tx: SqlTx, rows: unknown[][]) {
  return upsert(
    tx,
    'passed_courses',
    ['ticket_id', 'course_id', 'period_code', 'score', 'grade', 'passed_by', 'created_at', 'updated_at'],
    ['ticket_id', 'course_id'],
    ['period_code', 'score', 'grade', 'passed_by', 'updated_at'],
    rows,
  );
}

export interface AuditRow {
  action: string;
  entityType: string;
  entityId: number;
  before: unknown;
  after: unknown;
  countyId: number | null;
}

/** Audit entries of one batch in one statement (the same columns writeAudit fills). */
export function insertAudits(
  tx: SqlTx,
  actor: { id: number; name: string },
  reason: string,
  entries: AuditRow[],
  now: Date,
) {
  if (entries.length === 0) return Promise.resolve();
  const columns = [
    'actor_type',
    'actor_id',
    'actor_name',
    'action',
    'entity_type',
    'entity_id',
    'before',
    'after',
    'reason',
    'county_id',
    'created_at',
  ];
  const rows = entries.map((e) => [
    'official',
    actor.id,
    actor.name,
    e.action,
    e.entityType,
    String(e.entityId),
    JSON.stringify(e.before),
    JSON.stringify(e.after),
    reason,
    e.countyId,
    now,
  ]);
  // `before` is a reserved word in MySQL.
  const quote = (c: string) => (tx.dialect === 'mysql' ? `\`${c}\`` : `"${c}"`);
  return tx.run(
    `INSERT INTO audit_logs (${columns.map(quote).join(', ')}) VALUES ${marks(rows.length, columns.length)}`,
    rows.flat(),
  );
}
