import { TICKET_STATUS_LABELS, type TicketLookupAnswer } from '@kaowei/shared';
import { findCandidateByIdCardNo, ticketsOfCandidate } from './candidateRepository';
import type { AccountsDeps } from './deps';

export interface LookupTicketsInput {
  idCardNo: string;
  captchaId: string;
  captchaAnswer: string;
}

/**
 * 找回准考证: every ticket under an ID number, numbers in full (the number is what the candidate came
 * for, and the ID number and a captcha were given), each with a short-lived token to log in with.
 * An unknown ID answers exactly like a known one without tickets. A non-active ticket is listed too,
 * marked with its status (its token only leads to the login's refusal saying why).
 */
export async function lookupTickets(
  deps: AccountsDeps,
  input: LookupTicketsInput,
  now = new Date(),
): Promise<TicketLookupAnswer> {
  await deps.captchas.check(input.captchaId, input.captchaAnswer, now);
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  const tickets = candidate ? await ticketsOfCandidate(deps.db, candidate.id) : [];
  return {
    tickets: tickets.map((t) => ({
      ticketNo: t.ticketNo,
      majorName: t.majorName,
      majorLevel: t.majorLevel,
      status: t.status,
      statusName: TICKET_STATUS_LABELS[t.status],
      ticketToken: deps.tokens.sign('ticket-choice', { sub: String(t.ticketId) }),
    })),
  };
}
