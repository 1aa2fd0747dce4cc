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

/** What the job's `summary` column holds: the counts, and why it failed when it did. */
export type StoredSummary = EnrolledImportSummary & { failure?: string };

/**
 * Takes a job that is waiting for a worker (checking or importing) and not leased, or whose lease ran
 * out (its worker died): one conditional UPDATE, so of several instances exactly one gets it.
 */
export async function claimJob(db: Db, now: Date): Promise<{ id: number; state: ImportJobState } | null> {
  const candidates = await db.models.ImportJob.findAll({
    attributes: ['id', 'state'],
    where: {
      kind: ENROLLED_KIND,
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
    if (count === 1) return { id: job.id, state: job.state };
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

export async function failJob(db: Db, id: number, failure: string, errors: ImportRowError[] | null, now: Date) {
  const job = await db.models.ImportJob.findByPk(id);
  if (!job) return;
  const summary = { ...((job.summary as StoredSummary | null) ?? emptySummary()), failure };
  await job.update({
    state: 'failed',
    summary: summary as never,
    leasedUntil: null,
    finishedAt: now,
    ...(errors ? { errors: errors as never, errorRows: errors.length } : {}),
  });
}
