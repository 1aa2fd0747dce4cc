import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { execute } from '../../../db/execute';
import { insertIgnore } from '../../../db/sql';
import type { Logger } from '../../../logger';
import { claimRun, failRun, workRun } from './assignmentRuns';

export interface AssignmentDeps {
  db: Db;
  logger: Logger;
}

/**
 * Works every run waiting for a worker, one after the other. A run is taken with a lease (claimRun), so every
 * instance may run this; a run whose worker died is taken over once its lease runs out and resumes after its
 * last committed group.
 */
export async function runPendingAssignments(deps: AssignmentDeps, clock: () => Date = () => new Date()) {
  let handled = 0;
  for (let runId = await claimRun(deps.db, clock()); runId; runId = await claimRun(deps.db, clock())) {
    handled += 1;
    const id = runId;
    await workRun(deps.db, id, clock).catch(async (error: unknown) => {
      deps.logger.error({ err: error, runId: id }, 'seat assignment run failed');
      await failRun(deps.db, id, clock());
    });
  }
  return handled;
}

const running = new WeakMap<Db, Promise<unknown>>();

/** Starts working runs in this process now (after a start), after any work already going. */
export function kickAssignments(deps: AssignmentDeps): Promise<unknown> {
  const next = (running.get(deps.db) ?? Promise.resolve())
    .then(() => runPendingAssignments(deps))
    .catch((error: unknown) => deps.logger.error({ err: error }, 'seat assignment worker failed'));
  running.set(deps.db, next);
  return next;
}

/** Resolves once the work this process started has finished (tests, shutdown). */
export function assignmentsSettled(db: Db): Promise<unknown> {
  return running.get(db) ?? Promise.resolve();
}

const JOB = 'seat_assignment';

/**
 * The scheduled run: once a period's payment window has closed (and before its print window closes), one run
 * of every county is queued, once per period. job_runs records it; of several instances, the one whose
 * conditional UPDATE marks the job finished queues the run, in the same transaction.
 */
export async function queueDueScheduledRuns(db: Db, now: Date, onlyPeriodId?: number): Promise<number> {
  const periods = await db.models.ExamPeriod.findAll({
    attributes: ['id'],
    where: {
      ...(onlyPeriodId ? { id: onlyPeriodId } : {}),
      paymentClosesAt: { [Op.lte]: now },
      [Op.or]: [{ printClosesAt: null }, { printClosesAt: { [Op.gt]: now } }],
    },
  });
  let queued = 0;
  for (const period of periods) {
    const runKey = String(period.id);
    await db.sequelize.query(
      `${insertIgnore(db.sequelize)} INTO job_runs (job, run_key, state, processed, started_at) VALUES (?, ?, 'running', 0, ?)`,
      { replacements: [JOB, runKey, now] },
    );
    await db.sequelize.transaction(async (transaction) => {
      const changed = await execute(
        db.sequelize,
        `UPDATE job_runs SET state = 'finished', processed = 1, finished_at = ? WHERE job = ? AND run_key = ? AND state <> 'finished'`,
        [now, JOB, runKey],
        transaction,
      );
      if (changed !== 1) return;
      await db.models.AssignmentRun.create(
        { periodId: period.id, countyId: null, officialId: null, fullRerun: false, state: 'queued' },
        { transaction },
      );
      queued += 1;
    });
  }
  return queued;
}

/** Every instance looks now and then for a period due its scheduled run, and for runs left by a restart. */
export function startAssignmentWorker(deps: AssignmentDeps, intervalMs = 30_000): () => void {
  const tick = () =>
    queueDueScheduledRuns(deps.db, new Date())
      .catch((error: unknown) => deps.logger.error({ err: error }, 'scheduling the seat assignment failed'))
      .then(() => kickAssignments(deps));
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
