import { rm } from 'node:fs/promises';
import { IMPORT_ERRORS_KEPT, type ImportRowError } from '@kaowei/shared';
import { sqlOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { databaseErrors, enrolledBatches } from './enrolledBatches';
import { loadReferenceCodes } from './enrolledRepository';
import { EnrolledRowChecker } from './enrolledRows';
import { DEFAULT_BATCH_SIZE, type ImportDeps, type ImportRunOptions } from './importDeps';
import { failJob, finishCheck, recordCheckProgress } from './importJobs';

/** Rows of one batch that were refused, counted once however many of their cells were wrong. */
const refusedRows = (errors: ImportRowError[]) => new Set(errors.map((e) => `${e.sheet}:${e.row}`)).size;

/**
 * 预检 (dry run) of a job this worker holds: streams the file, checks every row (formats, codes, duplicates,
 * and against the database), keeps the first IMPORT_ERRORS_KEPT refusals and counts them all. Writes
 * nothing but the job's progress. A file with refused rows is deleted: it can never be imported.
 */
export async function checkEnrolledImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  const job = await deps.db.models.ImportJob.findByPk(jobId);
  if (!job) return;
  const checker = new EnrolledRowChecker(await loadReferenceCodes(deps.db), now());
  const sql = sqlOf(deps.db.sequelize);
  const errors: ImportRowError[] = [];
  let totalRows = 0;
  let errorRows = 0;
  try {
    for await (const batch of enrolledBatches(job.filePath, checker, {
      size: options.batchSize ?? DEFAULT_BATCH_SIZE,
    })) {
      const found = [...batch.errors, ...(await databaseErrors(sql, deps.vault, batch, checker.ticketRows))];
      found.sort((a, b) => a.row - b.row);
      totalRows += batch.rows;
      errorRows += refusedRows(found);
      errors.push(...found.slice(0, Math.max(0, IMPORT_ERRORS_KEPT - errors.length)));
      await recordCheckProgress(deps.db, jobId, totalRows, now());
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await failJob(deps.db, jobId, error.message, null, now());
    return;
  }
  await finishCheck(deps.db, jobId, { totalRows, errorRows, errors }, now());
  if (errorRows > 0) await rm(job.filePath, { recursive: true, force: true });
}
