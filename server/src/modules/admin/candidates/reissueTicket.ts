import type { TicketReissueAnswer } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { assertCandidateInScope } from './candidateScope';
import type { Db } from '../../../db/models';
import { paidExams, recordReissue, ticketReissues } from '../../admission/ticket/ticketRepository';

/**
 * 补发准考证: after a change (a moved seat, a new photo, a lost ticket) the office reissues a candidate's
 * ticket of a period. The version goes up, so the next download is a new PDF with a new QR token and
 * every ticket printed before no longer verifies at the door. One transaction with its audit entry.
 */
export async function reissueTicket(
  db: Db,
  official: Official,
  input: { candidateId: number; periodId: number; reason: string },
  request: RequestInfo,
  now = new Date(),
): Promise<TicketReissueAnswer> {
  await assertCandidateInScope(db, official, input.candidateId);
  const rows = await paidExams(db, input.candidateId, [input.periodId]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', { what: '准考证' });
  return db.sequelize.transaction(async (transaction) => {
    await recordReissue(db, { ...input, officialId: official.id }, now, transaction);
    const [reissue] = await ticketReissues(db, input.candidateId, [input.periodId], transaction);
    const version = reissue!.version;
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'ticket.reissue',
        entityType: 'candidate',
        entityId: input.candidateId,
        before: { periodId: input.periodId, version: version - 1 },
        after: { periodId: input.periodId, version },
        reason: input.reason,
        countyId: rows[0]!.county_id,
        ...request,
      },
      transaction,
    );
    return { periodId: input.periodId, version, reissuedAt: new Date(reissue!.reissued_at).toISOString() };
  });
}
