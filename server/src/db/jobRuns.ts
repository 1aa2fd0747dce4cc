import type { Sequelize } from 'sequelize';
import { jobRuns } from '../metrics/registry';
import { execute } from './execute';
import { insertIgnore } from './sql';

/**
 * How long a claimed run may stay unfinished before another instance takes it over: its instance died,
 * or the run failed and is tried again. Longer than any run takes.
 */
export const JOB_RUN_LEASE_MS = 10 * 60_000;

/**
 * A scheduled job's run, recorded in `job_runs` under its key (a day, an hour): every instance may
 * start it; one claims it (a conditional update of heartbeat_at) and the others skip it, and once it is
 * finished it is not run again. A run left unfinished (a crash, an error) is claimed again once its
 * lease has run out, so a job using this must be safe to run twice.
 */
export async function startJobRun(sequelize: Sequelize, job: string, runKey: string, now: Date): Promise<boolean> {
  await sequelize.query(
    `${insertIgnore(sequelize)} INTO job_runs (job, run_key, state, processed, started_at) VALUES (?, ?, 'running', 0, ?)`,
    { replacements: [job, runKey, now] },
  );
  const claimed = await execute(
    sequelize,
    `UPDATE job_runs SET heartbeat_at = ? WHERE job = ? AND run_key = ? AND state <> 'finished'
        AND (heartbeat_at IS NULL OR heartbeat_at < ?)`,
    [now, job, runKey, new Date(now.getTime() - JOB_RUN_LEASE_MS)],
  );
  jobRuns.inc({ job, state: claimed === 1 ? 'started' : 'skipped' });
  return claimed === 1;
}

export async function finishJobRun(
  sequelize: Sequelize,
  job: string,
  runKey: string,
  processed: number,
  now: Date,
): Promise<void> {
  await sequelize.query(
    `UPDATE job_runs SET state = 'finished', processed = processed + ?, finished_at = ? WHERE job = ? AND run_key = ?`,
    { replacements: [processed, now, job, runKey] },
  );
  jobRuns.inc({ job, state: 'finished' });
}
