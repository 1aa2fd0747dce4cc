import type { CertificateImportSummary } from '@kaowei/shared';
import type { SqlReader, SqlTx } from '../../../db/sqlTx';
import { insertAudits, type AuditRow } from '../enrolledImport/enrolledRepository';
import type { ImportDeps, ImportRunOptions } from '../enrolledImport/importDeps';
import { applyInBatches, checkInBatches, type BatchContext, type BatchSource } from '../enrolledImport/importRun';
import { resolveCertificates } from './certificateChecks';
import { insertCertificate, markCertificateRequestIssued, updateCertificate } from './certificateRepository';
import { certificateBatches, type CertificateBatch } from './certificateRows';

export const emptyCertificateSummary = (): CertificateImportSummary => ({
  certificates: { created: 0, updated: 0, unchanged: 0 },
});

/**
 * How a certificates job reads its file and checks a batch against the database: the ticket exists, the
 * major is the ticket's, and the number is not held by another ticket.
 */
const certificatesSource: BatchSource<CertificateBatch> = {
  batches: (job, options) => certificateBatches(job.filePath, options),
  databaseErrors: async (sql: SqlReader, batch) => (await resolveCertificates(sql, batch)).errors,
};

/** 预检 (dry run) of a certificates import: see checkInBatches. */
export async function checkCertificateImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  await checkInBatches(deps, jobId, options, async () => certificatesSource);
}

/**
 * 导入 of a checked certificates job (see applyInBatches): each batch upserts by 证书编号 (a row equal to
 * what is stored changes nothing, so importing the same file again is idempotent) and audits each change
 * with before/after.
 */
export async function applyCertificateImport(deps: ImportDeps, jobId: number, options: ImportRunOptions = {}) {
  return applyInBatches<CertificateBatch, CertificateImportSummary>(deps, jobId, options, async (job) => {
    const reason = `证书导入（任务${job.id}，${job.fileName}）`.slice(0, 255);
    return {
      ...certificatesSource,
      emptySummary: emptyCertificateSummary,
      apply: (tx, batch, context) => applyBatch(tx, batch, { ...context, reason }),
    };
  });
}

async function applyBatch(
  tx: SqlTx,
  batch: CertificateBatch,
  context: BatchContext<CertificateImportSummary> & { reason: string },
): Promise<CertificateImportSummary> {
  const { job, at } = context;
  const { resolved } = await resolveCertificates(tx, batch);
  const counts = { ...context.summary.certificates };
  const audits: AuditRow[] = [];
  for (const { record, existing, ...owner } of resolved) {
    const wanted = { certificateNo: record.certificateNo, ...owner, issuedOn: record.issuedOn };
    const after = { ticketId: owner.ticketId, majorId: owner.majorId, issuedOn: record.issuedOn };
    if (!existing) {
      const id = await insertCertificate(tx, wanted, job.id, at);
      await markCertificateRequestIssued(tx, owner.ticketId, id, at);
      audits.push({
        action: 'certificate.import',
        entityType: 'certificate',
        entityId: id,
        before: null,
        after,
        countyId: null,
      });
      counts.created += 1;
      continue;
    }
    const previous = { ticketId: existing.ticketId, majorId: existing.majorId, issuedOn: existing.issuedOn };
    if (JSON.stringify(previous) === JSON.stringify(after)) {
      counts.unchanged += 1;
      continue;
    }
    await updateCertificate(tx, existing.id, wanted, job.id, at);
    await markCertificateRequestIssued(tx, owner.ticketId, existing.id, at);
    audits.push({
      action: 'certificate.import',
      entityType: 'certificate',
      entityId: existing.id,
      before: previous,
      after,
      countyId: null,
    });
    counts.updated += 1;
  }
  await insertAudits(tx, context.actor, context.reason, audits, at);
  return { certificates: counts };
}
