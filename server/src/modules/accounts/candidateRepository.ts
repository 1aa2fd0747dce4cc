import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/models';
import type { SqlReader } from '../../db/sqlTx';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Candidate, Ticket } from './models';

export interface TicketWithMajor {
  ticketId: number;
  ticketNo: string;
  majorName: string;
  majorLevel: string;
}

export async function findCandidateByIdCardNo(db: Db, vault: IdCardVault, idCardNo: string): Promise<Candidate | null> {
  return db.models.Candidate.findOne({ where: { idCardHash: vault.hash(idCardNo) } });
}

export async function findTicket(db: Db, ticketNo: string): Promise<Ticket | null> {
  return db.models.Ticket.findOne({ where: { ticketNo, status: 'active' } });
}

export async function ticketsOfCandidate(db: Db, candidateId: number): Promise<TicketWithMajor[]> {
  const rows = await db.sequelize.query<{ id: number; ticket_no: string; name: string; level: string }>(
    `SELECT t.id, t.ticket_no, m.name, m.level FROM tickets t JOIN majors m ON m.id = t.major_id
      WHERE t.candidate_id = ? AND t.status = 'active' ORDER BY t.ticket_no`,
    { replacements: [candidateId], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ ticketId: r.id, ticketNo: r.ticket_no, majorName: r.name, majorLevel: r.level }));
}

/** What a candidate must do before booking: bind a phone, then change the initial password. */
export type NextStep = 'bind_phone' | 'change_password' | null;

export function nextStep(candidate: Pick<Candidate, 'phone' | 'mustChangePassword'>): NextStep {
  if (!candidate.phone) return 'bind_phone';
  if (candidate.mustChangePassword) return 'change_password';
  return null;
}

/** What every authenticated request checks of a candidate's account. */
export type CandidateAccount = Pick<Candidate, 'id' | 'phone' | 'mustChangePassword' | 'tokenVersion'>;

/** The account alone, as plain SQL inside a transaction's batch (the 保存考位 hot path). */
export async function readCandidateAccount(sql: SqlReader, candidateId: number): Promise<CandidateAccount | null> {
  const [row] = await sql.rows<{
    id: number;
    phone: string | null;
    must_change_password: number;
    token_version: number;
  }>('SELECT id, phone, must_change_password, token_version FROM candidates WHERE id = ?', [candidateId]);
  return row
    ? {
        id: row.id,
        phone: row.phone,
        mustChangePassword: Boolean(Number(row.must_change_password)),
        tokenVersion: Number(row.token_version),
      }
    : null;
}
