import type { ImportJobView, ImportRowError } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { assertProvince } from '../../../kernel/scope';
import type { ImportDeps } from './importDeps';
import type { Official } from '../../accounts/models';
import { ENROLLED_KIND, type StoredSummary } from './importJobs';
import type { ImportJobRow } from './importRun';

export function importJobView(job: ImportJobRow): ImportJobView {
  const stored = job.summary as StoredSummary | null;
  const { failure = null, interruptedAt: _interruptedAt, ...summary } = stored ?? {};
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    fileName: job.fileName,
    totalRows: job.totalRows ?? 0,
    doneRows: job.doneRows ?? 0,
    errorRows: job.errorRows ?? 0,
    errors: (job.errors as ImportRowError[] | null) ?? [],
    summary: stored && 'candidates' in summary ? (summary as ImportJobView['summary']) : null,
    failure,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/** The job of that kind (province only), or 404. */
export async function findImportJob(deps: Pick<ImportDeps, 'db'>, official: Official, id: number, kind: string) {
  assertProvince(official);
  const job = await deps.db.models.ImportJob.findOne({ where: { id, kind } });
  if (!job) throw new AppError('NOT_FOUND', { what: '导入任务' });
  return job;
}

/** 导入任务状态 (province only). */
export async function viewImportJob(deps: Pick<ImportDeps, 'db'>, official: Official, id: number) {
  return importJobView(await findImportJob(deps, official, id, ENROLLED_KIND));
}

/** The latest imports of a kind, newest first (province only); `where` narrows them (a period). */
export async function latestImportJobs(
  deps: Pick<ImportDeps, 'db'>,
  official: Official,
  where: { kind: string; periodId?: number },
) {
  assertProvince(official);
  return deps.db.models.ImportJob.findAll({ where, order: [['id', 'DESC']], limit: 20 });
}

/** The latest enrolled imports, newest first (province only). */
export async function listImportJobs(deps: Pick<ImportDeps, 'db'>, official: Official) {
  const jobs = await latestImportJobs(deps, official, { kind: ENROLLED_KIND });
  return { items: jobs.map(importJobView) };
}
