import type { ImportRowError } from '@kaowei/shared';
import type { SqlReader } from '../../../db/sqlTx';
import { certificatesByNo, ticketsWithMajor } from './certificateRepository';
import { certificateRowError, type CertificateBatch, type CertificateRecord } from './certificateRows';

/** A row ready to write: its ticket's candidate and major, and the certificate it replaces, if any. */
export interface ResolvedCertificate {
  record: CertificateRecord;
  candidateId: number;
  ticketId: number;
  majorId: number;
  existing: { id: number; ticketId: number; majorId: number; issuedOn: string } | null;
}

/**
 * The checks that need the database: the ticket exists, the major is the ticket's, and the number is not
 * already held by another ticket (the same ticket's certificate is updated: re-importing is idempotent).
 */
export async function resolveCertificates(
  sql: SqlReader,
  batch: CertificateBatch,
): Promise<{ resolved: ResolvedCertificate[]; errors: ImportRowError[] }> {
  const tickets = await ticketsWithMajor(
    sql,
    batch.records.map((r) => r.ticketNo),
  );
  const held = new Map(
    (
      await certificatesByNo(
        sql,
        batch.records.map((r) => r.certificateNo),
      )
    ).map((c) => [c.certificate_no, c]),
  );
  const resolved: ResolvedCertificate[] = [];
  const errors: ImportRowError[] = [];
  for (const record of batch.records) {
    const ticket = tickets.get(record.ticketNo);
    if (!ticket) {
      errors.push(certificateRowError(record.row, '准考证号', 'TICKET_UNKNOWN', { ticketNo: record.ticketNo }));
      continue;
    }
    if (ticket.major_code !== record.majorCode) {
      errors.push(
        certificateRowError(record.row, '专业代码', 'MAJOR_NOT_OF_TICKET', {
          value: record.majorCode,
          ticketNo: record.ticketNo,
        }),
      );
      continue;
    }
    const current = held.get(record.certificateNo);
    if (current && current.ticket_id !== ticket.id) {
      errors.push(
        certificateRowError(record.row, '证书编号', 'CERTIFICATE_OF_ANOTHER_TICKET', {
          certificateNo: record.certificateNo,
        }),
      );
      continue;
    }
    resolved.push({
      record,
      candidateId: ticket.candidate_id,
      ticketId: ticket.id,
      majorId: ticket.major_id,
      existing: current
        ? { id: current.id, ticketId: current.ticket_id, majorId: current.major_id, issuedOn: current.issued_on }
        : null,
    });
  }
  return { resolved, errors };
}
