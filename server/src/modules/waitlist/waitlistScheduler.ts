import type { Db } from '../../db/models';
import type { Logger } from '../../logger';
import { timedJob } from '../../metrics/jobs';
import { closeWaitlists, expireOverdueOffers } from './closeWaitlists';

/**
 * Every minute on every instance (both steps split their rows with SKIP LOCKED and repeat nothing): offers
 * unpaid by their pay-by time move on to the next in line; lines of closed booking windows are cleared.
 */
export function startWaitlistScheduler(db: Db, logger: Logger, intervalMs = 60_000): () => void {
  const tick = () =>
    timedJob('waitlist', async () => {
      const expired = await expireOverdueOffers(db);
      const closed = await closeWaitlists(db);
      if (expired + closed > 0) logger.info({ expired, closed }, 'waitlist offers expired, lines closed');
    }).catch((error: unknown) => logger.error({ err: error }, 'waitlist job failed'));
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
