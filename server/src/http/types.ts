import type { Logger } from '../logger';

/** What every request carries in `ctx.state`. */
export interface AppState {
  requestId: string;
  log: Logger;
}
