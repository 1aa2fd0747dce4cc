import { AppError } from '../../http/errors';
import type { AccountsDeps } from './deps';
import { issueCandidateSession } from './session';

/** Trades a refresh token for a new pair, unless the account's token version moved on (password changed). */
export async function refreshSession(deps: AccountsDeps, refreshToken: string) {
  const claims = deps.tokens.verify('candidate-refresh', refreshToken);
  const candidate = await deps.db.models.Candidate.findByPk(Number(claims.sub));
  if (!candidate || candidate.tokenVersion !== claims.ver) throw new AppError('TOKEN_EXPIRED');
  return issueCandidateSession(deps.db, deps.tokens, candidate, claims.tk);
}
