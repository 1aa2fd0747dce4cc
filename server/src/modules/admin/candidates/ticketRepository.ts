import type { TicketStatus } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import { execute } from '../../../db/execute';
import type { Db } from '../../../db/models';

/** A ticket as a status change sees it: its holder and the holder's county of registration. */
export interface TicketForStatus {
  id: number;
  ticketNo: string;
  status: TicketStatus;
  candidateId: number;
  countyId: number | null;
}

/** The ticket locked for the change, or null. */
export async function lockTicket(db: Db, ticketId: number, transaction: Transaction): Promise<TicketForStatus | null> {
  const [row] = await db.sequelize.query<{
    id: number;
    ticket_no: string;
    status: string;
    candidate_id: number;
    county_id: number | null;
  }>(
    `SELECT t.id, t.ticket_no, t.status, t.candidate_id, c.county_id
       FROM tickets t JOIN candidates c ON c.id = t.candidate_id
      WHERE t.id = ? FOR UPDATE`,
    { replacements: [ticketId], type: QueryTypes.SELECT, transaction },
  );
  return row
    ? {
        id: row.id,
        ticketNo: row.ticket_no,
        status: row.status as TicketStatus,
        candidateId: row.candidate_id,
        countyId: row.county_id,
      }
    : null;
}

/** The holder of a ticket, outside any transaction: the scope check comes before the change. */
export async function ticketHolder(db: Db, ticketId: number): Promise<number | null> {
  const [row] = await db.sequelize.query<{ candidate_id: number }>('SELECT candidate_id FROM tickets WHERE id = ?', {
    replacements: [ticketId],
    type: QueryTypes.SELECT,
  });
  return row ? row.candidate_id : null;
}

export async function setTicketStatus(
  db: Db,
  ticketId: number,
  status: TicketStatus,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await execute(
    db.sequelize,
    'UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?',
    [status, now, ticketId],
    transaction,
  );
}
