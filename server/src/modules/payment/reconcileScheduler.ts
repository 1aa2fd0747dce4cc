import { finishJobRun, startJobRun } from '../../db/jobRuns';
import { addDays, beijingDateString, beijingInstant } from '../../lib/beijingTime';
import type { PaymentDeps } from './deps';
import { reconcile } from './reconcile';

/** Yesterday's bill is ready after 10:00 Beijing time; each day is reconciled once (job_runs). */
export async function runDueReconciliation(deps: PaymentDeps, now = new Date()): Promise<boolean> {
  const today = beijingDateString(now);
  if (now < beijingInstant(today, '10:30')) return false;
  const billDate = beijingDateString(addDays(beijingInstant(today), -1));
  if (!(await startJobRun(deps.db.sequelize, 'reconcile', billDate, now))) return false;
  const differences = await reconcile(deps, billDate);
  await finishJobRun(deps.db.sequelize, 'reconcile', billDate, differences.length, new Date());
  deps.logger.info({ billDate, differences: differences.length }, 'trade bill reconciled');
  return true;
}
