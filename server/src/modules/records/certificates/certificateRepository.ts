import type { SqlReader, SqlTx } from '../../../db/sqlTx';
import { dateOnlyText, ticketsByNo } from '../enrolledImport/enrolledRepository';

const inList = (count: number) => Array.from({ length: count }, () => '?').join(',');

export interface CertificateRow {
  id: number;
  certificate_no: string;
  candidate_id: number;
  ticket_id: number;
  major_id: number;
  issued_on: string;
}

export async function certificatesByNo(sql: SqlReader, numbers: string[]): Promise<CertificateRow[]> {
  if (numbers.length === 0) return [];
  const rows = await sql.rows<CertificateRow>(
    `SELECT id, certificate_no, candidate_id, ticket_id, major_id, issued_on
       FROM certificates WHERE certificate_no IN (${inList(numbers.length)})`,
    numbers,
  );
  return rows.map((r) => ({ ...r, issued_on: dateOnlyText(r.issued_on) }));
}

/** The tickets the rows name, with their major's code. */
export async function ticketsWithMajor(sql: SqlReader, ticketNos: string[]) {
  const tickets = await ticketsByNo(sql, [...new Set(ticketNos)]);
  const majorIds = [...new Set(tickets.map((t) => t.major_id))];
  const majors =
    majorIds.length === 0
      ? []
      : await sql.rows<{ id: number; code: string }>(
          `SELECT id, code FROM majors WHERE id IN (${inList(majorIds.length)})`,
          majorIds,
        );
  const codeOf = new Map(majors.map((m) => [m.id, m.code.trim()]));
  return new Map(tickets.map((t) => [t.ticket_no, { ...t, major_code: codeOf.get(t.major_id) ?? '' }]));
}

export interface CertificateWrite {
  certificateNo: string;
  candidateId: number;
  ticketId: number;
  majorId: number;
  issuedOn: string;
}

export async function insertCertificate(tx: SqlTx, row: CertificateWrite, jobId: number, now: Date) {
  const { insertId } = await tx.run(
    `INSERT INTO certificates (certificate_no, candidate_id, ticket_id, major_id, issued_on, import_job_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.certificateNo, row.candidateId, row.ticketId, row.majorId, row.issuedOn, jobId, now, now],
  );
  return insertId;
}

export async function updateCertificate(tx: SqlTx, id: number, row: CertificateWrite, jobId: number, now: Date) {
  await tx.run(
    `UPDATE certificates SET candidate_id = ?, ticket_id = ?, major_id = ?, issued_on = ?, import_job_id = ?, updated_at = ?
      WHERE id = ?`,
    [row.candidateId, row.ticketId, row.majorId, row.issuedOn, jobId, now, id],
  );
}

export interface CertificateHolderRow {
  certificate_no: string;
  issued_on: string;
  name: string;
  id_card_masked: string;
  major_code: string;
  major_name: string;
  major_level: string;
}

/** One certificate with its holder and major, by number (the public lookup reads this alone). */
export async function certificateWithHolder(sql: SqlReader, certificateNo: string) {
  const [row] = await sql.rows<CertificateHolderRow>(
    `SELECT ce.certificate_no, ce.issued_on, c.name, c.id_card_masked, m.code AS major_code, m.name AS major_name,
            m.level AS major_level
       FROM certificates ce
       JOIN candidates c ON c.id = ce.candidate_id
       JOIN majors m ON m.id = ce.major_id
      WHERE ce.certificate_no = ?`,
    [certificateNo],
  );
  return row ? { ...row, issued_on: dateOnlyText(row.issued_on) } : null;
}

/** 待制证 → 已制证: the certificate of a ticket whose 毕业申请 queued one has arrived (#16). */
export async function markCertificateRequestIssued(tx: SqlTx, ticketId: number, certificateId: number, now: Date) {
  await tx.run(
    `UPDATE certificate_requests SET state = 'issued', certificate_id = ?, updated_at = ?
      WHERE ticket_id = ? AND state = 'pending'`,
    [certificateId, now, ticketId],
  );
}
