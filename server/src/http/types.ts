import type { CandidateClaims } from '../modules/accounts/authGuards';
import type { Logger } from '../logger';
import type { Candidate, Official } from '../modules/accounts/models';

/** What every request carries in `ctx.state`; the auth guards fill in who is calling. */
export interface AppState {
  requestId: string;
  log: Logger;
  candidate?: Candidate;
  /** A candidate token verified by candidateTokenGuard, whose account the operation checks itself. */
  candidateClaims?: CandidateClaims;
  /** The ticket the candidate's session books under. */
  ticketId?: number;
  official?: Official;
  /** The application a registration token opens. */
  applicationId?: number;
}
