import { maskTicketNo } from '@kaowei/shared';
import { findCandidateByIdCardNo, ticketsOfCandidate } from './candidateRepository';
import type { AccountsDeps } from './deps';

export interface LookupTicketsInput {
  idCardNo: string;
  captchaId: string;
  captchaAnswer: string;
}

/**
 * 找回准考证: every ticket under an ID number, numbers masked, each with a short-lived token to log
 * in with. An unknown ID answers exactly like a known one without tickets.
 */
export async function lookupTickets(deps: AccountsDeps, input: LookupTicketsInput, now = new Date()) {
  await deps.captchas.check(input.captchaId, input.captchaAnswer, now);
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  const tickets = candidate ? await ticketsOfCandidate(deps.db, candidate.id) : [];
  return {
    tickets: tickets.map((t) => ({
      ticketNoMasked: maskTicketNo(t.ticketNo),
      majorName: t.majorName,
      majorLevel: t.majorLevel,
      ticketToken: deps.tokens.sign('ticket-choice', { sub: String(t.ticketId) }),
    })),
  };
}
