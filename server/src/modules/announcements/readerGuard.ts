import type { Middleware } from 'koa';
import type { Db } from '../../db/models';
import type { AppState } from '../../http/types';
import { candidateGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';

/**
 * Public pages that a signed-in candidate sees arranged for their county: with an Authorization header the
 * candidate's token must be valid (so the app refreshes an expired one); without one the visitor goes on.
 */
export function optionalCandidateGuard(db: Db, tokens: TokenService): Middleware<AppState> {
  const guard = candidateGuard(db, tokens, { allowFirstLogin: true });
  return (ctx, next) => (ctx.get('Authorization') ? guard(ctx, next) : next());
}
