import type { Middleware } from 'koa';
import { findByPkFast } from '../../db/findFast';
import { AppError } from '../../http/errors';
import type { AppState } from '../../http/types';
import { nextStep } from './candidateRepository';
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
}

/**
 * Candidate access tokens only; the account must still be on the token's version. Unless allowed,
 * a candidate who has not bound a phone and changed the initial password is told which step is next.
 */
export function candidateGuard(
  db: Db,
  tokens: TokenService,
  options: CandidateGuardOptions = {},
): Middleware<AppState> {
  return async (ctx, next) => {
    const claims = tokens.verify('candidate-access', bearer(ctx.get('Authorization')));
    const candidate = await findByPkFast(db.models.Candidate, Number(claims.sub));
    if (!candidate || candidate.tokenVersion !== claims.ver) throw new AppError('TOKEN_EXPIRED');
    if (!options.allowFirstLogin) {
      const step = nextStep(candidate);
      if (step === 'bind_phone') throw new AppError('PHONE_BIND_REQUIRED');
      if (step === 'change_password') throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    ctx.state.candidate = candidate;
    ctx.state.ticketId = claims.tk;
    await next();
  };
}

/** Official access tokens only, for an official who is not disabled. Scope checks happen per resource. */
export function officialGuard(db: Db, tokens: TokenService): Middleware<AppState> {
  return async (ctx, next) => {
    const claims = tokens.verify('official-access', bearer(ctx.get('Authorization')));
    const official = await findByPkFast(db.models.Official, Number(claims.sub));
    if (!official || official.tokenVersion !== claims.ver || official.disabledAt) throw new AppError('TOKEN_EXPIRED');
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
