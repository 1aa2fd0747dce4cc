import { AppError } from '../../../http/errors';
import { graduationProgress } from '../../records/myRecords/graduationProgress';
import type { ApplicationsDeps } from '../applicationsDeps';
import type { EffectContext, EffectResult } from '../kinds';
import { activeTicketFor } from './activeTicket';

/** The ticket's plan complete at `now` (required courses and credits, as 毕业进度 computes them). */
async function completedPlan(deps: ApplicationsDeps, ticketId: number, now: Date) {
  const progress = await graduationProgress(deps.db, ticketId, now);
  if (!progress) throw new AppError('NOT_FOUND', { what: '准考证' });
  if (!progress.complete) {
    throw new AppError('GRADUATION_PLAN_INCOMPLETE', {
      missing: progress.requiredMissing.map((c) => `${c.courseCode} ${c.courseName}`).join('、') || '无',
      earned: progress.creditsEarned,
      needed: progress.creditsNeeded,
    });
  }
  return progress;
}

/** 提交: only under a 有效 ticket whose major's plan is complete. */
export async function checkGraduation(deps: ApplicationsDeps, ticketId: number, _form: unknown, now: Date) {
  await activeTicketFor(deps.db, ticketId, 'graduation');
  await completedPlan(deps, ticketId, now);
}

/**
 * 毕业申请 approved: the plan is checked again, the ticket becomes 已毕业 (no more booking under it) and its
 * certificate is queued (certificate_requests, 待制证) for the office that issues certificates.
 */
export async function graduationEffect({ deps, application, transaction, now }: EffectContext): Promise<EffectResult> {
  const ticket = await activeTicketFor(deps.db, application.ticketId, 'graduation', transaction);
  const progress = await completedPlan(deps, ticket.id, now);
  await ticket.update({ status: 'graduated' }, { transaction });
  const request = await deps.db.models.CertificateRequest.create(
    { ticketId: ticket.id, majorId: ticket.majorId, applicationId: application.id },
    { transaction },
  );
  return {
    before: { ticketNo: ticket.ticketNo, status: 'active' },
    after: {
      ticketNo: ticket.ticketNo,
      status: 'graduated',
      majorCode: progress.majorCode,
      majorName: progress.majorName,
      creditsEarned: progress.creditsEarned,
      creditsNeeded: progress.creditsNeeded,
      certificateRequestId: request.id,
      certificateState: 'pending',
    },
  };
}
