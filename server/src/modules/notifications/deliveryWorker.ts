import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/models';
import { inTransaction } from '../../db/sqlTx';
import { timedJob } from '../../metrics/jobs';
import { deliverMessage, type DeliveryOutcome } from './deliverMessage';
import type { NotificationsDeps } from './notificationsDeps';
import { claimDue, recordAttempt, settleMessage, type ClaimedMessage } from './outboxRepository';
import { runPeriodNotices } from './periodNotices';
import { runReleaseReminders } from './releaseReminder';

/** How long a worker owns a claimed batch; after that a worker that died mid-batch is taken over. */
export const LEASE_MS = 2 * 60_000;

/** Claims a batch of due messages for one worker (its own transaction, committed before any delivery). */
export async function claimBatch(
  db: Db,
  options: { now: Date; limit: number },
): Promise<{ claimId: string; messages: ClaimedMessage[] }> {
  const claimId = randomUUID();
  const leaseUntil = new Date(options.now.getTime() + LEASE_MS);
  const messages = await inTransaction(db.sequelize, (tx) =>
    claimDue(tx, { claimId, now: options.now, leaseUntil, limit: options.limit }),
  );
  return { claimId, messages };
}

async function record(db: Db, message: ClaimedMessage, claimId: string, outcome: DeliveryOutcome, now: Date) {
  return inTransaction(db.sequelize, async (tx) => {
    for (const attempt of outcome.attempts) await recordAttempt(tx, message.id, claimId, attempt, now);
    return settleMessage(tx, message.id, claimId, {
      state: outcome.state,
      channel: outcome.channel,
      tries: outcome.tries,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: outcome.lastError,
      now,
    });
  });
}

/**
 * One round of the outbox: claims up to `limit` due messages (SKIP LOCKED, so workers on several instances
 * split them), delivers each, records every attempt and the message's next state under its claim. The clock
 * is injected; a killed worker's batch is claimed again once its lease ends, and sent then.
 */
export async function deliverDue(
  deps: NotificationsDeps,
  options: { now?: Date; limit?: number } = {},
): Promise<{ claimed: number; sent: number }> {
  const now = options.now ?? new Date();
  const { claimId, messages } = await claimBatch(deps.db, {
    now,
    limit: options.limit ?? deps.notifications.batchSize,
  });
  let sent = 0;
  const started = Date.now();
  for (const message of messages) {
    // Slow providers: stop well inside the lease; the rest is taken again when it ends, never sent twice.
    if (Date.now() - started > LEASE_MS / 2) break;
    const outcome = await deliverMessage(deps, message, now).catch((error: unknown): DeliveryOutcome => ({
      attempts: [{ channel: 'none', outcome: 'retry', error: error instanceof Error ? error.message : String(error) }],
      state: 'pending',
      channel: null,
      tries: 0,
      nextAttemptAt: new Date(now.getTime() + 60_000),
      lastError: error instanceof Error ? error.message : String(error),
    }));
    const held = await record(deps.db, message, claimId, outcome, now);
    if (!held) deps.logger.warn({ messageId: message.id }, 'outbox claim lost before the outcome was recorded');
    if (held && outcome.state === 'sent') sent += 1;
  }
  return { claimed: messages.length, sent };
}

/**
 * Started once at boot on every instance: the outbox drained every few seconds (a full batch is followed at
 * once by the next), and each minute the reminder and period jobs, each claimed through job_runs.
 */
export function startNotificationWorker(deps: NotificationsDeps, intervalMs = 5_000): () => void {
  let running = false;
  let lastJobs = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (Date.now() - lastJobs >= 60_000) {
        lastJobs = Date.now();
        await timedJob('release_reminder', () => runReleaseReminders(deps));
        await timedJob('period_notices', () => runPeriodNotices(deps));
      }
      const limit = deps.notifications.batchSize;
      while ((await timedJob('outbox', () => deliverDue(deps, { limit }))).claimed === limit);
    } catch (error) {
      deps.logger.error({ err: error }, 'notification worker failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
