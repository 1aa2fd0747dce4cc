import type { MyTicketsView } from '@kaowei/shared';
import type { Candidate } from '../../accounts/models';
import type { ExamPeriod } from '../../catalog/models';
import { periodView } from './ticketContent';
import type { TicketDeps } from './ticketDeps';
import { paidExams, ticketPeriodIds, ticketReissues } from './ticketRepository';

/** 准考证打印: each period the candidate booked (or whose print window is ahead), its exams and whether it prints now. */
export async function myTickets(deps: TicketDeps, candidate: Candidate, now = new Date()): Promise<MyTicketsView> {
  const periodIds = await ticketPeriodIds(deps.db, candidate.id, now);
  const [rows, reissues] = await Promise.all([
    paidExams(deps.db, candidate.id, periodIds),
    ticketReissues(deps.db, candidate.id, periodIds),
  ]);
  const periods = (await Promise.all(periodIds.map((id) => deps.db.catalog.period(id)))).filter(
    (p): p is ExamPeriod => p !== null,
  );
  return {
    periods: periods.map((period) =>
      periodView(
        period,
        rows.filter((r) => r.period_id === period.id),
        now,
        reissues.find((r) => r.period_id === period.id)?.reissued_at,
      ),
    ),
  };
}
