import { QueryTypes, type Sequelize } from 'sequelize';
import { jobRuns } from '../metrics/registry';
import { insertIgnore } from './sql';

/**
 * A scheduled job's run, recorded in `job_runs` under its key (a day, an hour): every instance may
 * start it; once one has finished it, it is not run again. An interrupted run is simply run again, so
 * a job using this must be safe to run twice, or at once on two instances.
 */
export async function startJobRun(sequelize: Sequelize, job: string, runKey: string, now: Date): Promise<boolean> {
  await sequelize.query(
    `${insertIgnore(sequelize)} INTO job_runs (job, run_key, state, processed, started_at) VALUES (?, ?, 'running', 0, ?)`,
    { replacements: [job, runKey, now] },
  );
  const [run] = await sequelize.query<{ state: string }>('SELECT state FROM job_runs WHERE job = ? AND run_key = ?', {
    replacements: [job, runKey],
    type: QueryTypes.SELECT,
  });
  const starting = run?.state !== 'finished';
  jobRuns.inc({ job, state: starting ? 'started' : 'skipped' });
  return starting;
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
