import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ImportRowError } from '@kaowei/shared';
import { applyEnrolledImport } from './applyEnrolledImport';
import { checkEnrolledImport } from './checkEnrolledImport';
import { LEASE_MS, type ImportDeps, type ImportRunOptions } from './importDeps';
import { sha256 } from './importFiles';
import { emptySummary, ENROLLED_KIND, type StoredSummary } from './importJobs';

/**
 * A whole import run here and now, for code that has the file rather than an official's upload (the demo
 * seed): the same job, dry run and batches as the admin's, held by this process from start to end.
 * Refuses to import a file with any bad row, as the admin does.
 */
export async function runEnrolledImportNow(
  deps: ImportDeps,
  officialId: number,
  dir: string,
  options: ImportRunOptions = {},
): Promise<StoredSummary> {
  const now = options.now ?? (() => new Date());
  const hold = () => new Date(now().getTime() + LEASE_MS);
  const files = (await readdir(dir)).sort().map((name) => path.join(dir, name));
  const job = await deps.db.models.ImportJob.create({
    kind: ENROLLED_KIND,
    officialId,
    state: 'checking',
    fileName: path.basename(files[0] ?? dir),
    filePath: dir,
    fileSha256: await sha256(files),
    leasedUntil: hold(),
  });
  await checkEnrolledImport(deps, job.id, options);
  await job.reload();
  if (job.state !== 'checked' || job.errorRows > 0) {
    const first = ((job.errors as ImportRowError[] | null) ?? []).slice(0, 3).map((e) => `${e.row}: ${e.message}`);
    throw new Error(`enrolled import ${job.id} refused: ${job.state} ${first.join('; ')}`);
  }
  await job.update({ state: 'importing', doneRows: 0, summary: emptySummary() as never, leasedUntil: hold() });
  await applyEnrolledImport(deps, job.id, options);
  const finished = (await deps.db.models.ImportJob.findByPk(job.id))!;
  if (finished.state !== 'done') throw new Error(`enrolled import ${job.id} did not finish: ${finished.state}`);
  return finished.summary as StoredSummary;
}
