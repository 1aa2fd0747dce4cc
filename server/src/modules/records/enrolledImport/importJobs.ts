import { rm } from 'node:fs/promises';
import { Op } from 'sequelize';
import type { EnrolledImportSummary, ImportJobState, ImportRowError } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { LEASE_MS } from './importDeps';

export const ENROLLED_KIND = 'enrolled';

export const emptySummary = (): EnrolledImportSummary => ({
  candidates: { created: 0, updated: 0, unchanged: 0 },
  tickets: { created: 0, updated: 0, unchanged: 0 },
  passedCourses: { created: 0, updated: 0, unchanged: 0 },
});

/**
 * What the job's `summary` column holds: the counts, why it failed when it did, and where its last run
 * broke off (cleared by the next committed batch).
 */
export type StoredSummary = EnrolledImportSummary & { failure?: string; interruptedAt?: number };

/**
 * Takes a job that is waiting for a worker (checking or importing) and not leased, or whose lease ran
 * out (its worker died): one conditional UPDATE, so of several instances exactly one gets it.
 */
export async function claimJob(
  db: Db,
  kinds: string[],
  now: Date,
): Promise<{ id: number; kind: string; state: ImportJobState } | null> {
  const candidates = await db.models.ImportJob.findAll({
    attributes: ['id', 'kind', 'state'],
    where: {
      kind: kinds,
      state: ['checking', 'importing'],
      [Op.or]: [{ leasedUntil: null }, { leasedUntil: { [Op.lt]: now } }],
    },
    order: [['id', 'ASC']],
    limit: 5,
  });
  for (const job of candidates) {
    const [count] = await db.models.ImportJob.update(
      { leasedUntil: new Date(now.getTime() + LEASE_MS) },
      {
        where: {
          id: job.id,
          state: job.state,
          [Op.or]: [{ leasedUntil: null }, { leasedUntil: { [Op.lt]: now } }],
        },
      },
    );
    if (count === 1) return { id: job.id, kind: job.kind, state: job.state };
  }
  return null;
}

/** Progress of a dry run, and the lease renewed with it. */
export async function recordCheckProgress(db: Db, id: number, doneRows: number, now: Date): Promise<void> {
  await db.models.ImportJob.update(
    { doneRows, leasedUntil: new Date(now.getTime() + LEASE_MS) },
    { where: { id, state: 'checking' } },
  );
}

export async function finishCheck(
  db: Db,
  id: number,
  result: { totalRows: number; errorRows: number; errors: ImportRowError[] },
  now: Date,
): Promise<void> {
  await db.models.ImportJob.update(
    {
      state: 'checked',
      doneRows: result.totalRows,
      totalRows: result.totalRows,
      errorRows: result.errorRows,
      errors: result.errors as never,
      leasedUntil: null,
      finishedAt: now,
    },
    { where: { id, state: 'checking' } },
  );
}

/** Ends a job as failed; its file is deleted (a new upload starts over). */
export async function failJob(db: Db, id: number, failure: string, errors: ImportRowError[] | null, now: Date) {
  const job = await db.models.ImportJob.findByPk(id);
  if (!job) return;
  const summary = { ...((job.summary as StoredSummary | null) ?? emptySummary()), failure };
  await rm(job.filePath, { recursive: true, force: true });
  await job.update({
    state: 'failed',
    summary: summary as never,
    leasedUntil: null,
    finishedAt: now,
    ...(errors ? { errors: errors as never, errorRows: errors.length } : {}),
  });
}

/**
 * An import run broke off on an error (not a refused row): it resumes once its lease runs out. If it breaks
 * off again where it did last time, without committing a batch in between, it would only do so forever:
 * the job fails instead, with what was committed kept.
 */
export async function noteInterruption(db: Db, id: number, now: Date): Promise<void> {
  const job = await db.models.ImportJob.findByPk(id);
  if (!job || job.state !== 'importing') return;
  const summary: StoredSummary = (job.summary as StoredSummary | null) ?? emptySummary();
  if (summary.interruptedAt === job.doneRows) {
    await failJob(db, id, `导入在第${job.doneRows}行后两次中断，已导入的批次保留，请联系技术人员`, null, now);
    return;
  }
  await job.update({ summary: { ...summary, interruptedAt: job.doneRows } as never });
}
