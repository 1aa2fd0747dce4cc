import type { CandidateAdmissionTicketsView } from '@kaowei/shared';
import type { Official } from '../../accounts/models';
import { assertCandidateInScope } from './candidateScope';
import type { Db } from '../../../db/models';
import { paidExams, ticketPeriodIds, ticketReissues } from '../../admission/ticket/ticketRepository';

/** 补发准考证 (office side): every period the candidate has a ticket to print in, with its reissue version. */
export async function candidateAdmissionTickets(
  db: Db,
  official: Official,
  candidateId: number,
  now = new Date(),
): Promise<CandidateAdmissionTicketsView> {
  await assertCandidateInScope(db, official, candidateId);
  const periodIds = await ticketPeriodIds(db, candidateId, now);
  const [rows, reissues] = await Promise.all([
    paidExams(db, candidateId, periodIds),
    ticketReissues(db, candidateId, periodIds),
  ]);
  const periods = [];
  for (const periodId of periodIds) {
    const paidCount = rows.filter((r) => r.period_id === periodId).length;
    const period = await db.catalog.period(periodId);
    if (!period || paidCount === 0) continue;
    const reissue = reissues.find((r) => r.period_id === periodId);
    periods.push({
      periodId,
      periodName: period.name,
      paidCount,
      version: reissue?.version ?? 0,
      reissuedAt: reissue ? new Date(reissue.reissued_at).toISOString() : null,
    });
  }
  return { periods };
}
