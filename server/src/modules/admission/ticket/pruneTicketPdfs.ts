import type { AppConfig } from '../../../config';
import type { Db } from '../../../db/models';
import { finishJobRun, startJobRun } from '../../../db/jobRuns';
import type { Logger } from '../../../logger';
import { timedJob } from '../../../metrics/jobs';
import { TicketPdfCache } from './ticketPdfCache';

interface PruneDeps {
  config: AppConfig;
  db: Db;
  logger: Logger;
}

const JOB = 'ticket_pdf_prune';
/** A cached ticket nobody downloaded for this long is removed; a later download generates it again. */
export const TICKET_PDF_UNUSED_MS = 14 * 24 * 3600_000;

/**
 * Keeps DATA_DIR/tickets from growing forever: every ticket generated stays there under its content
 * hash, also after a moved seat, a refund or a reissue made it a new file. Runs once a day across
 * instances (job_runs); two instances pruning at once remove the same files, which is harmless.
 */
export async function pruneTicketPdfs(deps: PruneDeps, now = new Date()): Promise<number> {
  const runKey = now.toISOString().slice(0, 10);
  if (!(await startJobRun(deps.db.sequelize, JOB, runKey, now))) return 0;
  const cache = new TicketPdfCache(deps.config.dataDir);
  const removed = await cache.prune(new Date(now.getTime() - TICKET_PDF_UNUSED_MS), now);
  await finishJobRun(deps.db.sequelize, JOB, runKey, removed, now);
  if (removed > 0) deps.logger.info({ removed }, 'unused ticket PDFs removed');
  return removed;
}

/** Every instance starts this at boot; the daily run happens once (see pruneTicketPdfs). */
export function startTicketPdfPruning(deps: PruneDeps, intervalMs = 60 * 60_000): () => void {
  const tick = () =>
    timedJob(JOB, () => pruneTicketPdfs(deps)).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'ticket PDF pruning failed'),
    );
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
