import { QueryTypes } from 'sequelize';
import { addDays, beijingDateString, beijingInstant } from '../../lib/beijingTime';
import type { PaymentDeps } from './deps';
import { reconcile } from './reconcile';

/** Yesterday's bill is ready after 10:00 Beijing time; each day is reconciled once (job_runs). */
export async function runDueReconciliation(deps: PaymentDeps, now = new Date()): Promise<boolean> {
  const today = beijingDateString(now);
  if (now < beijingInstant(today, '10:30')) return false;
  const billDate = beijingDateString(addDays(beijingInstant(today), -1));
  const insert = deps.db.sequelize.getDialect() === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  await deps.db.sequelize.query(
    `${insert} INTO job_runs (job, run_key, state, processed, started_at) VALUES ('reconcile', ?, 'running', 0, ?)`,
    {
      replacements: [billDate, now],
    },
  );
  const [run] = await deps.db.sequelize.query<{ state: string }>(
    `SELECT state FROM job_runs WHERE job = 'reconcile' AND run_key = ?`,
    {
      replacements: [billDate],
      type: QueryTypes.SELECT,
    },
  );
  if (run?.state === 'finished') return false;
  const differences = await reconcile(deps, billDate);
  await deps.db.sequelize.query(
    `UPDATE job_runs SET state = 'finished', processed = ?, finished_at = ? WHERE job = 'reconcile' AND run_key = ?`,
    {
      replacements: [differences.length, new Date(), billDate],
    },
  );
  deps.logger.info({ billDate, differences: differences.length }, 'trade bill reconciled');
  return true;
}
