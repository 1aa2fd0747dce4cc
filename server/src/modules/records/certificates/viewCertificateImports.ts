import { CERTIFICATES_IMPORT_KIND, type CertificateImportJobView, type CertificateImportSummary } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import type { ImportJobRow } from '../enrolledImport/importRun';
import { findImportJob, importJobView, latestImportJobs } from '../enrolledImport/viewImportJob';

export function certificateJobView(job: ImportJobRow): CertificateImportJobView {
  const stored = job.summary as Partial<CertificateImportSummary> | null;
  return { ...importJobView(job), summary: stored?.certificates ? { certificates: stored.certificates } : null };
}

/** 证书导入任务状态 (province only). */
export async function viewCertificateImport(db: Db, official: Official, id: number) {
  return certificateJobView(await findImportJob({ db }, official, id, CERTIFICATES_IMPORT_KIND));
}

/** The latest certificates imports, newest first (province only). */
export async function listCertificateImports(db: Db, official: Official) {
  const jobs = await latestImportJobs({ db }, official, { kind: CERTIFICATES_IMPORT_KIND });
  return { items: jobs.map(certificateJobView) };
}
