import { isValidTicketNo } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import { upgradedHash, verifyAgainstDecoy } from '../../lib/passwords';
import { findCandidateByIdCardNo, findTicket } from './candidateRepository';
import { isCurrentPassword } from './changePassword';
import type { AccountsDeps } from './deps';
import { candidateAccountKey } from './loginGuard';
import type { Candidate } from './models';
import { issueCandidateSession } from './session';

export interface PasswordLoginInput {
  /** A 12-digit ticket number or an 18-character ID number. */
  account?: string;
  /** Instead of `account`: a ticket picked from the ticket look-up. */
  ticketToken?: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
  /** From a WeChat login that found no linked candidate: link this openid on success. */
  wechatToken?: string;
}

/** The login guard's account key of a ticket number typed that names no candidate. */
const ticketAccountKey = (ticketNo: string | number): string => `ticket:${ticketNo}`;

/** The login guard's account key of an ID number typed that names no candidate, by its keyed hash. */
const idCardAccountKey = (idCardHash: string): string => `id:${idCardHash}`;

async function passwordMatches(deps: AccountsDeps, candidate: Candidate | null, password: string): Promise<boolean> {
  return candidate ? isCurrentPassword(deps, candidate, password) : verifyAgainstDecoy(password);
}

/** Moves a hash made with older argon2 parameters to today's; a password changed meanwhile stays. */
async function upgradePasswordHash(deps: AccountsDeps, candidate: Candidate, password: string): Promise<void> {
  if (!candidate.passwordHash) return;
  const passwordHash = await upgradedHash(candidate.passwordHash, password);
  if (!passwordHash) return;
  await deps.db.models.Candidate.update(
    { passwordHash },
    { where: { id: candidate.id, passwordHash: candidate.passwordHash } },
  );
}

async function resolveCandidate(deps: AccountsDeps, input: PasswordLoginInput) {
  if (input.ticketToken) {
    const ticketId = Number(deps.tokens.verify('ticket-choice', input.ticketToken).sub);
    const ticket = await deps.db.models.Ticket.findByPk(ticketId);
    const candidate = ticket ? await deps.db.models.Candidate.findByPk(ticket.candidateId) : null;
    return { typedKey: ticketAccountKey(ticket?.ticketNo ?? ticketId), candidate, ticketId: ticket?.id };
  }
  const account = (input.account ?? '').trim().toUpperCase();
  if (isValidTicketNo(account)) {
    const ticket = await findTicket(deps.db, account);
    const candidate = ticket ? await deps.db.models.Candidate.findByPk(ticket.candidateId) : null;
    return { typedKey: ticketAccountKey(account), candidate, ticketId: ticket?.id };
  }
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, account);
  return { typedKey: idCardAccountKey(deps.vault.hash(account)), candidate, ticketId: undefined };
}

/** The candidate named by a ticket (token) or ID number, and the lockout key of the account: the candidate's. */
async function resolveAccount(deps: AccountsDeps, input: PasswordLoginInput) {
  const { typedKey, candidate, ticketId } = await resolveCandidate(deps, input);
  return { accountKey: candidate ? candidateAccountKey(candidate.id) : typedKey, candidate, ticketId };
}

/** 登录: ticket or ID number + password, behind lockout and captcha; the answer never says whether the account exists. */
export async function loginWithPassword(deps: AccountsDeps, input: PasswordLoginInput, ip: string, now = new Date()) {
  if (!input.account && !input.ticketToken) throw new AppError('LOGIN_FAILED');
  const { accountKey, candidate, ticketId } = await resolveAccount(deps, input);
  const attempt = { accountKey, ip, captchaId: input.captchaId, captchaAnswer: input.captchaAnswer };
  await deps.loginGuard.before(attempt, now);
  if (!(await passwordMatches(deps, candidate, input.password)) || !candidate) {
    throw await deps.loginGuard.failed(attempt, now);
  }
  await deps.loginGuard.succeeded(attempt);
  await upgradePasswordHash(deps, candidate, input.password);
  if (input.wechatToken) {
    const openid = deps.tokens.verify('wechat-link', input.wechatToken).sub;
    const holder = await deps.db.models.Candidate.findOne({ where: { wechatOpenid: openid } });
    if (holder && holder.id !== candidate.id) throw new AppError('WECHAT_ALREADY_LINKED');
    await candidate.update({ wechatOpenid: openid });
  }
  return issueCandidateSession(deps.db, deps.tokens, candidate, ticketId);
}
