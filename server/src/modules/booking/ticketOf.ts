import type { ApiContext } from '../../http/apiRouter';
import type { Db } from '../../db/models';

/** The ticket a booking request acts under: the token's, else the candidate's active ticket. */
export const ticketOf = async (db: Db, ctx: ApiContext): Promise<number> =>
  ctx.state.ticketId ??
  (
    await db.models.Ticket.findOne({
      where: { candidateId: ctx.state.candidate?.id ?? ctx.state.candidateClaims!.candidateId, status: 'active' },
      rejectOnEmpty: true,
    })
  ).id;
