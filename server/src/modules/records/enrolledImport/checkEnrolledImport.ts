import { databaseErrors, enrolledBatches, type Batch } from './enrolledBatches';
import { loadReferenceCodes } from './enrolledRepository';
import { EnrolledRowChecker } from './enrolledRows';
import type { ImportDeps, ImportRunOptions } from './importDeps';
import { checkInBatches, type BatchSource } from './importRun';

/** How the enrolled import reads its file and checks rows against the database (dry run and import alike). */
export async function enrolledSource(deps: ImportDeps, now: Date) {
  const checker = new EnrolledRowChecker(await loadReferenceCodes(deps.db), now);
  const source: BatchSource<Batch> = {
    batches: (job, options) => enrolledBatches(job.filePath, checker, options),
    databaseErrors: (sql, batch) => databaseErrors(sql, deps.vault, batch, checker.ticketRows),
  };
  return source;
}

/** 预检 (dry run) of an enrolled import: see checkInBatches. */
export async function checkEnrolledImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  const now = options.now ?? (() => new Date());
  await checkInBatches(deps, jobId, options, () => enrolledSource(deps, now()));
}
