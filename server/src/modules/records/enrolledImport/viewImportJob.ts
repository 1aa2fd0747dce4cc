import type { ImportJobView, ImportRowError } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { assertProvince } from '../../../kernel/scope';
import type { ImportDeps } from './importDeps';
import type { ModelStatic } from 'sequelize';
import type { Models } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { ENROLLED_KIND, type StoredSummary } from './importJobs';

/** An import_jobs row (its model is the admin module's; records reads it through the Db). */
type ImportJob = Models['ImportJob'] extends ModelStatic<infer M> ? M : never;

export function importJobView(job: ImportJob): ImportJobView {
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

/** 导入任务状态 (province only). */
export async function viewImportJob(deps: Pick<ImportDeps, 'db'>, official: Official, id: number) {
  assertProvince(official);
  const job = await deps.db.models.ImportJob.findOne({ where: { id, kind: ENROLLED_KIND } });
  if (!job) throw new AppError('NOT_FOUND', { what: '导入任务' });
  return importJobView(job);
}

/** The latest enrolled imports, newest first (province only). */
export async function listImportJobs(deps: Pick<ImportDeps, 'db'>, official: Official) {
  assertProvince(official);
  const jobs = await deps.db.models.ImportJob.findAll({
    where: { kind: ENROLLED_KIND },
    order: [['id', 'DESC']],
    limit: 20,
  });
  return { items: jobs.map(importJobView) };
}
