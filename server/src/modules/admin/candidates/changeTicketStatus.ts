import { TICKET_STATUS_LABELS, type TicketStatus, type TicketStatusAnswer } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertCandidateInScope } from './candidateScope';
import { lockTicket, setTicketStatus, ticketHolder } from './ticketRepository';

/**
 * 变更准考证状态 (有效, 已毕业, 已转出, 已注销) by an official of the holder's district, with a reason. A
 * non-active ticket's sessions are refused on their next booking or payment request (the candidate
 * guard reads the ticket), so no token version moves. One transaction with its audit entry.
 */
export async function changeTicketStatus(
  db: Db,
  official: Official,
  ticketId: number,
  input: { status: TicketStatus; reason: string },
  request: RequestInfo,
  now = new Date(),
): Promise<TicketStatusAnswer> {
  const holder = await ticketHolder(db, ticketId);
  if (holder === null) throw new AppError('NOT_FOUND', { what: '准考证' });
  await assertCandidateInScope(db, official, holder);
  return db.sequelize.transaction(async (transaction) => {
    const ticket = await lockTicket(db, ticketId, transaction);
    // Moved to another candidate (合档) between the scope check and the lock: check again.
    if (!ticket || ticket.candidateId !== holder) throw new AppError('CONFLICT');
    if (ticket.status !== input.status) {
      await setTicketStatus(db, ticketId, input.status, now, transaction);
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'ticket.change_status',
          entityType: 'ticket',
          entityId: ticketId,
          before: { ticketNo: ticket.ticketNo, status: ticket.status },
          after: { ticketNo: ticket.ticketNo, status: input.status },
          reason: input.reason,
          countyId: ticket.countyId,
          ...request,
        },
        transaction,
      );
    }
    return { ticketNo: ticket.ticketNo, status: input.status, statusName: TICKET_STATUS_LABELS[input.status] };
  });
}
