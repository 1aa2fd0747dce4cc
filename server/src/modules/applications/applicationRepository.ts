import type { CandidateApplicationKind, CandidateApplicationState, DocumentType } from '@kaowei/shared';
import { Op, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { Conditions, count, limitOffset, select } from '../../kernel/sqlParts';
import type { ApplicationAttachment, ApplicationDecision, CandidateApplication } from './models';

/** Attachments and decisions of these applications, oldest first, by application id. */
export async function detailsOf(db: Db, ids: number[]) {
  const where = { applicationId: { [Op.in]: ids.length > 0 ? ids : [-1] } };
  const [attachments, decisions] = await Promise.all([
    db.models.ApplicationAttachment.findAll({ where, order: [['id', 'ASC']] }),
    db.models.ApplicationDecision.findAll({ where, order: [['id', 'ASC']] }),
  ]);
  const group = <T extends { applicationId: number }>(rows: T[]) => {
    const byId = new Map<number, T[]>();
    for (const row of rows) byId.set(row.applicationId, [...(byId.get(row.applicationId) ?? []), row]);
    return byId;
  };
  return {
    attachments: group<ApplicationAttachment>(attachments),
    decisions: group<ApplicationDecision>(decisions),
  };
}

export interface ApplicationLabels {
  id: number;
  ticket_no: string;
  candidate_name: string;
  county_name: string | null;
  gender: 'M' | 'F';
  ethnicity: string | null;
  document_type: DocumentType;
  id_card_masked: string;
}

/** Ticket numbers, the candidates' details now (number masked) and county names of these applications, by id. */
export async function labelsOf(db: Db, ids: number[]): Promise<Map<number, ApplicationLabels>> {
  if (ids.length === 0) return new Map();
  const rows = await select<ApplicationLabels>(
    db,
    `SELECT a.id, t.ticket_no, c.name AS candidate_name, co.name AS county_name,
            c.gender, c.ethnicity, c.document_type, c.id_card_masked
       FROM candidate_applications a
       JOIN tickets t ON t.id = a.ticket_id
       JOIN candidates c ON c.id = a.candidate_id
       LEFT JOIN counties co ON co.id = a.county_id
      WHERE a.id IN (?)`,
    [ids],
  );
  return new Map(rows.map((r) => [Number(r.id), r]));
}

export interface QueueFilter {
  kind: CandidateApplicationKind;
  state?: CandidateApplicationState;
  countyId?: number;
  /** The official's counties (null: the province, every county). */
  counties: number[] | null;
}

function queueWhere(filter: QueueFilter): Conditions {
  // Drafts are the candidate's own until submitted: never in a queue.
  const where = new Conditions().add('a.kind = ?', filter.kind).add("a.state <> 'draft'");
  if (filter.countyId !== undefined) where.add('a.county_id = ?', filter.countyId);
  return where.counties('a.county_id', filter.counties);
}

/** A page of the queue, oldest submission first, and its counts by state (before the state filter). */
export async function queuePage(db: Db, filter: QueueFilter, page: { page: number; pageSize: number }) {
  const scoped = queueWhere(filter);
  const where = queueWhere(filter);
  if (filter.state) where.add('a.state = ?', filter.state);
  const [ids, total, counts] = await Promise.all([
    select<{ id: number }>(
      db,
      `SELECT a.id FROM candidate_applications a WHERE ${where.sql} ORDER BY a.submitted_at, a.id LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(page)],
    ),
    count(db, `SELECT COUNT(*) AS n FROM candidate_applications a WHERE ${where.sql}`, where.replacements),
    select<{ state: CandidateApplicationState; n: number }>(
      db,
      `SELECT a.state, COUNT(*) AS n FROM candidate_applications a WHERE ${scoped.sql} GROUP BY a.state`,
      scoped.replacements,
    ),
  ]);
  return { ids: ids.map((r) => Number(r.id)), total, counts };
}

/** The application, locked for its decision or the candidate's change. */
export function lockApplication(db: Db, id: number, transaction: Transaction): Promise<CandidateApplication | null> {
  return db.models.CandidateApplication.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
}
