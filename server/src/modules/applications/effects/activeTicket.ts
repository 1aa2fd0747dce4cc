import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  TICKET_STATUS_LABELS,
  type CandidateApplicationKind,
  type TicketStatus,
} from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Ticket } from '../../accounts/models';

/** A ticket still 有效 for the kind (refused when 已转出, 已毕业, 已注销); inside a transaction it is locked. */
export function assertActiveFor(ticket: Ticket | null, kind: CandidateApplicationKind): Ticket {
  if (!ticket) throw new AppError('NOT_FOUND', { what: '准考证' });
  if (ticket.status !== 'active') {
    throw new AppError('TICKET_NOT_ACTIVE_FOR_APPLICATION', {
      ticketNo: ticket.ticketNo,
      status: TICKET_STATUS_LABELS[ticket.status as TicketStatus],
      kind: CANDIDATE_APPLICATION_KIND_LABELS[kind],
    });
  }
  return ticket;
}

export async function activeTicketFor(
  db: Db,
  ticketId: number,
  kind: CandidateApplicationKind,
  transaction?: Transaction,
): Promise<Ticket> {
  const ticket = await db.models.Ticket.findByPk(
    ticketId,
    transaction && { transaction, lock: transaction.LOCK.UPDATE },
  );
  return assertActiveFor(ticket, kind);
}
