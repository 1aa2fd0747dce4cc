import { maskPhone, type CandidateProfile } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { assertTicketActive } from './authGuards';
import type { Candidate } from './models';
import { nextStep, phoneOnFileToBind, ticketsOfCandidate, type TicketWithMajor } from './candidateRepository';
import type { TokenService } from './tokens';

export interface CandidateSession {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  nextStep: ReturnType<typeof nextStep>;
  candidate: ReturnType<typeof profileOf>;
}

/** The candidate as their own screens show them (ID and phone masked), and the session's ticket. */
export async function candidateProfile(db: Db, candidate: Candidate, ticketId: number | undefined) {
  const every = await ticketsOfCandidate(db, candidate.id);
  const tickets = every.filter((t) => t.status === 'active');
  const current = tickets.find((t) => t.ticketId === ticketId) ?? tickets[0] ?? null;
  return { ticketId: current?.ticketId, profile: profileOf(candidate, current, tickets), every };
}

/**
 * A session cannot be under a non-active ticket: the ticket asked for (typed, picked or the session's
 * before a refresh), or, asked for none, the candidate's only tickets.
 */
function assertSessionTicket(every: TicketWithMajor[], ticketId: number | undefined): void {
  const asked = ticketId === undefined ? undefined : every.find((t) => t.ticketId === ticketId);
  if (asked) return assertTicketActive(asked);
  if (every.length > 0 && every.every((t) => t.status !== 'active')) assertTicketActive(every[0]!);
}

function maybeMasked(phone: string | null): string | null {
  return phone ? maskPhone(phone) : null;
}

function profileOf(
  candidate: Candidate,
  current: TicketWithMajor | null,
  tickets: TicketWithMajor[],
): Omit<CandidateProfile, 'nextStep'> {
  return {
    name: candidate.name,
    gender: candidate.gender,
    idCardNoMasked: candidate.idCardMasked,
    phoneMasked: candidate.phone ? maskPhone(candidate.phone) : null,
    // The bind page shows this number locked: the first login can bind no other.
    phoneOnFileMasked: maybeMasked(phoneOnFileToBind(candidate)),
    wechatLinked: candidate.wechatOpenid !== null,
    ticket: current && { ticketNo: current.ticketNo, majorName: current.majorName, majorLevel: current.majorLevel },
    tickets: tickets.map((t) => ({ ticketNo: t.ticketNo, majorName: t.majorName })),
  };
}

export async function issueCandidateSession(
  db: Db,
  tokens: TokenService,
  candidate: Candidate,
  ticketId: number | undefined,
): Promise<CandidateSession> {
  // A record closed by 合档 never gets a session (its numbers lead to the record it was merged into).
  if (candidate.mergedIntoId) throw new AppError('LOGIN_FAILED');
  const { profile, ticketId: tk, every } = await candidateProfile(db, candidate, ticketId);
  assertSessionTicket(every, ticketId);
  const claims = { sub: String(candidate.id), ver: candidate.tokenVersion, tk };
  return {
    accessToken: tokens.sign('candidate-access', claims),
    refreshToken: tokens.sign('candidate-refresh', claims),
    expiresIn: tokens.lifetime('candidate-access'),
    nextStep: nextStep(candidate),
    candidate: profile,
  };
}
