import { TICKET_STATUS_LABELS } from '@kaowei/shared';
import type { Middleware } from 'koa';
import { findByPkFast } from '../../db/findFast';
import { readTogether } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import type { AppState } from '../../http/types';
import { nextStep, type CandidateAccount, type TicketState } from './candidateRepository';
import type { Db } from '../../db/models';
import type { TokenService } from './tokens';

function bearer(header: string | undefined): string {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (!match) throw new AppError('UNAUTHENTICATED');
  return match[1]!;
}

export interface CandidateGuardOptions {
  /** Let through candidates who have not finished the first-login steps (bind phone, change password). */
  allowFirstLogin?: boolean;
  /** Booking and payment: the session's ticket must still be active (an official may have changed it). */
  activeTicket?: boolean;
}

/** Who a verified candidate access token names, at which token version, under which ticket. */
export interface CandidateClaims {
  candidateId: number;
  tokenVersion: number | undefined;
  ticketId: number | undefined;
}

function candidateClaims(tokens: TokenService, authorization: string | undefined): CandidateClaims {
  const claims = tokens.verify('candidate-access', bearer(authorization));
  return { candidateId: Number(claims.sub), tokenVersion: claims.ver, ticketId: claims.tk };
}

/**
 * The account must still be on the token's version; unless allowed, a candidate who has not bound a phone
 * and changed the initial password is told which step is next.
 */
export function assertAccountUsable(
  account: CandidateAccount | null,
  claims: CandidateClaims,
  options: CandidateGuardOptions = {},
): asserts account is CandidateAccount {
  if (!account || account.tokenVersion !== claims.tokenVersion) throw new AppError('TOKEN_EXPIRED');
  if (!options.allowFirstLogin) {
    const step = nextStep(account);
    if (step === 'bind_phone') throw new AppError('PHONE_BIND_REQUIRED');
    if (step === 'change_password') throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
}

/** A ticket that is not active (已毕业, 已转出, 已注销) cannot book or pay; the refusal says why and whom to ask. */
export function assertTicketActive(ticket: TicketState | null): void {
  if (!ticket) throw new AppError('TOKEN_EXPIRED');
  if (ticket.status !== 'active') {
    throw new AppError('TICKET_INACTIVE', { ticketNo: ticket.ticketNo, status: TICKET_STATUS_LABELS[ticket.status] });
  }
}

/** Candidate access tokens only, for an account that may use them (assertAccountUsable). */
export function candidateGuard(
  db: Db,
  tokens: TokenService,
  options: CandidateGuardOptions = {},
): Middleware<AppState> {
  return async (ctx, next) => {
    const claims = candidateClaims(tokens, ctx.get('Authorization'));
    // The ticket is read with the account, in the same packet on the same connection.
    const checkTicket = options.activeTicket && claims.ticketId !== undefined;
    const [candidate, ticket] = await readTogether(db.sequelize, (sql) =>
      Promise.all([
        findByPkFast(db.models.Candidate, claims.candidateId, sql),
        checkTicket ? findByPkFast(db.models.Ticket, claims.ticketId!, sql) : null,
      ]),
    );
    assertAccountUsable(candidate, claims, options);
    if (checkTicket) {
      assertTicketActive(ticket && ticket.candidateId === candidate.id ? ticket : null);
    }
    ctx.state.candidate = candidate;
    ctx.state.ticketId = claims.ticketId;
    await next();
  };
}

/**
 * Verifies the candidate access token only; the operation must check the account itself with
 * assertAccountUsable. For 保存考位, which reads the account in the same round trip as the booking lock.
 */
export function candidateTokenGuard(tokens: TokenService): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.candidateClaims = candidateClaims(tokens, ctx.get('Authorization'));
    ctx.state.ticketId = ctx.state.candidateClaims.ticketId;
    await next();
  };
}

export interface OfficialGuardOptions {
  /** Let through an official who must change their password first (修改密码, 当前账号, 退出所有设备). */
  allowPasswordChange?: boolean;
}

/**
 * Official access tokens only, for an official who is not disabled and still on the token's version (a disable,
 * reset or 退出所有设备 ends every session at once). A new or reset official must change the password before
 * anything else. Scope checks happen per resource.
 */
export function officialGuard(db: Db, tokens: TokenService, options: OfficialGuardOptions = {}): Middleware<AppState> {
  return async (ctx, next) => {
    const claims = tokens.verify('official-access', bearer(ctx.get('Authorization')));
    const official = await findByPkFast(db.models.Official, Number(claims.sub));
    if (!official || official.tokenVersion !== claims.ver || official.disabledAt) throw new AppError('TOKEN_EXPIRED');
    if (official.mustChangePassword && !options.allowPasswordChange) {
      throw new AppError('OFFICIAL_PASSWORD_CHANGE_REQUIRED');
    }
    ctx.state.official = official;
    await next();
  };
}

/**
 * A new candidate's registration token opens their own application only. `optional`: a request
 * without one goes on anonymous (a token sent must still be valid).
 */
export function registrationGuard(tokens: TokenService, options: { optional?: boolean } = {}): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    if (header || !options.optional) {
      ctx.state.applicationId = Number(tokens.verify('registration', bearer(header)).sub);
    }
    await next();
  };
}
