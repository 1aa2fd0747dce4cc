import { IMPORT_JOB_STATE_LABELS, type ImportJobView } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import type { ImportDeps } from './importDeps';
import { emptySummary, ENROLLED_KIND } from './importJobs';
import type { ImportJobRow } from './importRun';
import { importJobView } from './viewImportJob';

/** 开始导入 of an enrolled job: see startImportJob. */
export function startEnrolledImport(
  deps: Pick<ImportDeps, 'db'>,
  official: Official,
  id: number,
  request: RequestInfo,
): Promise<ImportJobView> {
  return startImportJob(deps, official, id, request, { kind: ENROLLED_KIND, summary: emptySummary() }).then(
    importJobView,
  );
}

/**
 * 开始导入 (province only): a job whose dry run found no bad row goes to the workers. A file with any
 * bad row is not imported at all: the official fixes it and uploads it again (each batch of the import
 * is whole or nothing, and so is the file's check).
 */
export async function startImportJob(
  deps: Pick<ImportDeps, 'db'>,
  official: Official,
  id: number,
  request: RequestInfo,
  of: { kind: string; summary: object },
): Promise<ImportJobRow> {
  assertProvince(official);
  return deps.db.sequelize.transaction(async (transaction) => {
    const job = await deps.db.models.ImportJob.findOne({
      where: { id, kind: of.kind },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!job) throw new AppError('NOT_FOUND', { what: '导入任务' });
    if (job.state !== 'checked' || job.errorRows > 0) {
      const state = job.state === 'checked' ? `有${job.errorRows}行有误` : IMPORT_JOB_STATE_LABELS[job.state];
      throw new AppError('IMPORT_NOT_READY', { state });
    }
    await job.update(
      { state: 'importing', doneRows: 0, summary: of.summary as never, leasedUntil: null, finishedAt: null },
      { transaction },
    );
    await writeAudit(
      deps.db,
      officialActor(official),
      {
        action: `${of.kind}_import.start`,
        entityType: 'import_job',
        entityId: job.id,
        after: { fileName: job.fileName, fileSha256: job.fileSha256, totalRows: job.totalRows },
        ...request,
      },
      transaction,
    );
    return job;
  });
}
