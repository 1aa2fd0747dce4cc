import type { TicketStatus } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import type { SqlReader } from '../../db/sqlTx';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Candidate, Ticket } from './models';

export interface TicketWithMajor {
  ticketId: number;
  ticketNo: string;
  majorName: string;
  majorLevel: string;
  status: TicketStatus;
}

/** A ticket's number and status: what a refusal of a non-active ticket names. */
export interface TicketState {
  ticketNo: string;
  status: TicketStatus;
  /** The ticket's major, where the read has it (保存考位 checks a closed major's plan courses). */
  majorId?: number;
}

/**
 * The candidate holding a document number (any type: the hash is of the normalised number). A record
 * closed by 合档 answers with the record it was merged into, so its number still finds the person's
 * tickets and account.
 */
export async function findCandidateByIdCardNo(
  db: Db,
  vault: IdCardVault,
  idCardNo: string,
  transaction?: Transaction,
): Promise<Candidate | null> {
  let candidate = await db.models.Candidate.findOne({ where: { idCardHash: vault.hash(idCardNo) }, transaction });
  // A kept record is never itself closed (mergeCandidates refuses it), but follow a few hops to be safe.
  for (let hops = 0; candidate?.mergedIntoId && hops < 4; hops++) {
    candidate = await db.models.Candidate.findByPk(candidate.mergedIntoId, { transaction });
  }
  return candidate;
}

/** Who a document number names, as the public lookups show them. */
export interface PersonRecord {
  id: number;
  name: string;
  idCardMasked: string;
}

export type PersonRow = { id: number; name: string; id_card_masked: string; merged_into_id: number | null };
const PERSON = 'SELECT id, name, id_card_masked, merged_into_id FROM candidates';

/** The record a closed one was merged into (a few hops at most, as `findCandidateByIdCardNo` follows). */
export async function personMergedInto(sql: SqlReader, mergedIntoId: number): Promise<PersonRecord | null> {
  let person: ReturnType<typeof personOf> | null = null;
  let next: number | null = mergedIntoId;
  for (let hops = 0; next !== null && hops < 5; hops++) {
    const rows: PersonRow[] = await sql.rows<PersonRow>(`${PERSON} WHERE id = ?`, [next]);
    person = rows[0] ? personOf(rows[0]) : null;
    next = person?.mergedIntoId ?? null;
  }
  return person;
}

/** A person as the public lookups use them; `mergedIntoId` is set when the record was closed by 合档. */
export const personOf = (row: PersonRow) => ({
  id: Number(row.id),
  name: row.name,
  idCardMasked: row.id_card_masked,
  mergedIntoId: row.merged_into_id == null ? null : Number(row.merged_into_id),
});

/** The candidate's active ticket for a major, if any: a second one for the same major is refused. */
export async function activeTicketForMajor(
  db: Db,
  candidateId: number,
  majorId: number,
  transaction?: Transaction,
): Promise<Ticket | null> {
  return db.models.Ticket.findOne({ where: { candidateId, majorId, status: 'active' }, transaction });
}

export async function findTicket(db: Db, ticketNo: string): Promise<Ticket | null> {
  // Every status: login tells a non-active ticket's holder why, once the password is right.
  return db.models.Ticket.findOne({ where: { ticketNo } });
}

/** Every ticket of the candidate, whatever its status. */
export async function ticketsOfCandidate(db: Db, candidateId: number): Promise<TicketWithMajor[]> {
  const rows = await db.sequelize.query<{ id: number; ticket_no: string; name: string; level: string; status: string }>(
    `SELECT t.id, t.ticket_no, m.name, m.level, t.status FROM tickets t JOIN majors m ON m.id = t.major_id
      WHERE t.candidate_id = ? ORDER BY t.ticket_no`,
    { replacements: [candidateId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    ticketId: r.id,
    ticketNo: r.ticket_no,
    majorName: r.name,
    majorLevel: r.level,
    status: r.status as TicketStatus,
  }));
}

/** What a candidate must do before booking: bind a phone, then change the initial password. */
export type NextStep = 'bind_phone' | 'change_password' | null;

export function nextStep(candidate: Pick<Candidate, 'phone' | 'mustChangePassword'>): NextStep {
  if (!candidate.phone) return 'bind_phone';
  if (candidate.mustChangePassword) return 'change_password';
  return null;
}

/**
 * The old system's phone, while it is the only one this candidate may bind: no phone bound yet and still
 * on the initial password (a first login, or again after an official's reset or undone binding). Once
 * the candidate has set their own password, the phone on file no longer binds them.
 */
export function phoneOnFileToBind(
  candidate: Pick<Candidate, 'phone' | 'phoneOnFile' | 'mustChangePassword'>,
): string | null {
  if (candidate.phone || !candidate.mustChangePassword) return null;
  return candidate.phoneOnFile ?? null;
}

/** What every authenticated request checks of a candidate's account. */
export type CandidateAccount = Pick<Candidate, 'id' | 'phone' | 'mustChangePassword' | 'tokenVersion'>;

/** One row of `CANDIDATE_ACCOUNT_SQL`'s columns. */
export interface CandidateAccountRow {
  id: number;
  phone: string | null;
  must_change_password: number;
  token_version: number;
  ticket_no: string | null;
  ticket_status: string | null;
  major_id: number | null;
}

/**
 * The account's columns (`c`) and the session's ticket (`t`) joined, for `FROM … WHERE c.id = ?` with the
 * ticket id as the first value: readers that need more of the candidate in the same statement select
 * these columns with their own (成绩查询 joins many candidates' keys at once).
 */
export const CANDIDATE_ACCOUNT_COLUMNS = `c.id, c.phone, c.must_change_password, c.token_version, t.ticket_no,
            t.status AS ticket_status, t.major_id`;
const CANDIDATE_ACCOUNT_FROM = 'candidates c LEFT JOIN tickets t ON t.id = ? AND t.candidate_id = c.id';

export const candidateAccountOf = (row: CandidateAccountRow): CandidateAccount & { ticket: TicketState | null } => ({
  id: Number(row.id),
  phone: row.phone,
  mustChangePassword: Boolean(Number(row.must_change_password)),
  tokenVersion: Number(row.token_version),
  ticket: row.ticket_no
    ? { ticketNo: row.ticket_no, status: row.ticket_status as TicketStatus, majorId: Number(row.major_id) }
    : null,
});

/**
 * The account and the session's ticket (joined: no extra round trip), as plain SQL inside a
 * transaction's batch (the 保存考位 hot path). `ticket` is null when the ticket is not the candidate's.
 */
export async function readCandidateAccount(
  sql: SqlReader,
  candidateId: number,
  ticketId: number,
): Promise<(CandidateAccount & { ticket: TicketState | null }) | null> {
  const [row] = await sql.rows<CandidateAccountRow>(
    `SELECT ${CANDIDATE_ACCOUNT_COLUMNS} FROM ${CANDIDATE_ACCOUNT_FROM} WHERE c.id = ?`,
    [ticketId, candidateId],
  );
  return row ? candidateAccountOf(row) : null;
}
