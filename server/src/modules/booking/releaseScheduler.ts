import { Op } from 'sequelize';
import { finishJobRun, startJobRun } from '../../db/jobRuns';
import type { Db } from '../../db/models';
import { addDays, beijingDateString, beijingInstant } from '../../lib/beijingTime';
import type { Logger } from '../../logger';
import { systemActor } from '../../kernel/actor';
import { timedJob } from '../../metrics/jobs';
import { releaseUnpaid } from './releaseUnpaid';

const JOB = 'daily_release';

/** Releases the seats of orders already sent to WeChat Pay (query, close, release): the payment module's part. */
export type ReleaseSentOrders = (periodId: number, heldBefore: Date) => Promise<{ released: number }>;

/**
 * Runs each open period's end-of-day release once its time has come. Every instance runs this; one
 * claims the day's run in job_runs, a finished run is not repeated, an interrupted one (crash) is taken
 * over once its lease runs out, and a release meanwhile (an official's) splits the rows with it (SKIP LOCKED).
 */
export async function runDueReleases(
  db: Db,
  logger: Logger,
  options: { now?: Date; periodId?: number; releaseSentOrders?: ReleaseSentOrders } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const onlyPeriodId = options.periodId;
  const periods = await db.models.ExamPeriod.findAll({
    where: {
      bookingOpensAt: { [Op.lte]: now },
      bookingClosesAt: { [Op.gt]: addDays(now, -1) },
      ...(onlyPeriodId ? { id: onlyPeriodId } : {}),
    },
  });
  let released = 0;
  for (const period of periods) {
    const today = beijingDateString(now);
    const due = beijingInstant(today, period.dailyReleaseTime);
    if (now < due) continue;
    const runKey = `${period.id}:${today}`;
    if (!(await startJobRun(db.sequelize, JOB, runKey, now))) continue;
    const result = await releaseUnpaid(db, { periodId: period.id, heldBefore: due, actor: systemActor });
    if (options.releaseSentOrders) result.released += (await options.releaseSentOrders(period.id, due)).released;
    await finishJobRun(db.sequelize, JOB, runKey, result.released, new Date());
    logger.info({ periodId: period.id, released: result.released }, 'end-of-day release finished');
    released += result.released;
  }
  return released;
}

export function startReleaseScheduler(
  db: Db,
  logger: Logger,
  releaseSentOrders: ReleaseSentOrders,
  intervalMs = 60_000,
): () => void {
  const tick = () =>
    timedJob(JOB, () => runDueReleases(db, logger, { releaseSentOrders })).catch((error: unknown) =>
      logger.error({ err: error }, 'end-of-day release failed'),
    );
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
