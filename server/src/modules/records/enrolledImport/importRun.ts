import { rm } from 'node:fs/promises';
import { IMPORT_ERRORS_KEPT, type ImportRowError } from '@kaowei/shared';
import type { ModelStatic } from 'sequelize';
import type { Models } from '../../../db/models';
import { inTransaction, sqlOf, type SqlReader, type SqlTx } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { DEFAULT_BATCH_SIZE, LEASE_MS, type ImportDeps, type ImportRunOptions } from './importDeps';
import { failJob, finishCheck, recordCheckProgress } from './importJobs';

/** An import_jobs row (its model is the admin module's; records reads it through the Db). */
export type ImportJobRow = Models['ImportJob'] extends ModelStatic<infer M> ? M : never;

/** Rows read together: what the dry run checks against the database and the import applies at once. */
export interface RowBatch {
  rows: number;
  errors: ImportRowError[];
}

/** Rows the import refused although the dry run passed them (the database changed in between). */
export class RowsRefused extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('rows refused during import');
  }
}
/** Another worker took the job over (this one's lease ran out): stop without touching it. */
class LeaseLost extends Error {}

/** Rows of one batch that were refused, counted once however many of their cells were wrong. */
const refusedRows = (errors: ImportRowError[]) => new Set(errors.map((e) => `${e.sheet}:${e.row}`)).size;

/** How one kind of import reads its file in batches, and checks a batch against the database. */
export interface BatchSource<B extends RowBatch> {
  batches(job: ImportJobRow, options: { size: number; skip?: number }): AsyncIterable<B>;
  databaseErrors(sql: SqlReader, batch: B): Promise<ImportRowError[]>;
}

/**
 * 预检 (dry run) of a job this worker holds: streams the file, checks every row (formats, codes, duplicates,
 * and against the database), keeps the first IMPORT_ERRORS_KEPT refusals and counts them all. Writes
 * nothing but the job's progress. A file with refused rows is deleted: it can never be imported.
 */
export async function checkInBatches<B extends RowBatch>(
  deps: ImportDeps,
  jobId: number,
  options: ImportRunOptions,
  source: (job: ImportJobRow) => Promise<BatchSource<B>>,
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const job = await deps.db.models.ImportJob.findByPk(jobId);
  if (!job) return;
  const sql = sqlOf(deps.db.sequelize);
  const errors: ImportRowError[] = [];
  let totalRows = 0;
  let errorRows = 0;
  try {
    const kind = await source(job);
    for await (const batch of kind.batches(job, { size: options.batchSize ?? DEFAULT_BATCH_SIZE })) {
      const found = [...batch.errors, ...(await kind.databaseErrors(sql, batch))];
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

/** What applying one batch needs besides its rows: the job, the summary so far, the actor, the clock. */
export interface BatchContext<S> {
  job: ImportJobRow;
  summary: S;
  actor: { id: number; name: string };
  at: Date;
}

/** How one kind of import applies a batch (inside the batch's transaction), answering the new summary. */
export interface BatchApplier<B extends RowBatch, S> extends BatchSource<B> {
  emptySummary(): S;
  apply(tx: SqlTx, batch: B, context: BatchContext<S>): Promise<S>;
}

/**
 * 导入 of a checked job this worker holds, from where it got to: each batch is ONE transaction that
 * re-checks its rows against the database, applies them, and advances done_rows with the summary — so a
 * batch lands whole or not at all, and a run that stops resumes after the last committed batch.
 */
export async function applyInBatches<B extends RowBatch, S>(
  deps: ImportDeps,
  jobId: number,
  options: ImportRunOptions,
  applier: (job: ImportJobRow) => Promise<BatchApplier<B, S>>,
): Promise<S | undefined> {
  const now = options.now ?? (() => new Date());
  const job = await deps.db.models.ImportJob.findByPk(jobId);
  if (!job || job.state !== 'importing') return undefined;
  const official = await deps.db.models.Official.findByPk(job.officialId);
  const actor = { id: job.officialId, name: official?.username ?? '' };
  const kind = await applier(job);
  let summary: S = (job.summary as S | null) ?? kind.emptySummary();
  let done = job.doneRows;
  let committed = 0;
  try {
    for await (const batch of kind.batches(job, { size: options.batchSize ?? DEFAULT_BATCH_SIZE, skip: done })) {
      options.beforeBatch?.(committed);
      if (batch.errors.length > 0) throw new RowsRefused(batch.errors);
      const next = done + batch.rows;
      const from = done;
      summary = await inTransaction(deps.db.sequelize, async (tx) => {
        const refused = await kind.databaseErrors(tx, batch);
        if (refused.length > 0) throw new RowsRefused(refused);
        const at = now();
        const nextSummary = await kind.apply(tx, batch, { job, summary, actor, at });
        const progress = await tx.run(
          `UPDATE import_jobs SET done_rows = ?, summary = ?, leased_until = ?, updated_at = ?
            WHERE id = ? AND done_rows = ? AND state = 'importing'`,
          [next, JSON.stringify(nextSummary), new Date(at.getTime() + LEASE_MS), at, jobId, from],
        );
        if (progress.affectedRows !== 1) throw new LeaseLost();
        return nextSummary;
      });
      done = next;
      committed += 1;
    }
  } catch (error) {
    if (error instanceof LeaseLost) return undefined;
    if (error instanceof RowsRefused || error instanceof AppError) {
      await failJob(
        deps.db,
        jobId,
        error instanceof AppError ? error.message : '导入时发现有误的行，已导入的批次保留',
        error instanceof RowsRefused ? error.errors : null,
        now(),
      );
      return undefined;
    }
    throw error;
  }
  await deps.db.models.ImportJob.update(
    { state: 'done', doneRows: done, leasedUntil: null, finishedAt: now() },
    { where: { id: jobId, state: 'importing' } },
  );
  await rm(job.filePath, { recursive: true, force: true });
  deps.logger.info({ jobId, kind: job.kind, rows: done, summary }, 'import finished');
  return summary;
}
