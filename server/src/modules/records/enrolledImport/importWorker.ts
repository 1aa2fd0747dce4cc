import type { Db } from '../../../db/models';
import type { ImportDeps, ImportRunOptions } from './importDeps';
import { claimJob, failJob, noteInterruption } from './importJobs';
import { IMPORT_KINDS } from './importKinds';

/**
 * Runs every job waiting for a worker, one after the other: dry runs and imports. A job is taken with a
 * lease (claimJob), so several instances can all run this; a job whose worker died is taken over once its
 * lease runs out, and an import resumes after its last committed batch.
 */
export async function runPendingImports(deps: ImportDeps, options: ImportRunOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  let handled = 0;
  const kinds = Object.keys(IMPORT_KINDS);
  for (let job = await claimJob(deps.db, kinds, now()); job; job = await claimJob(deps.db, kinds, now())) {
    handled += 1;
    const kind = IMPORT_KINDS[job.kind]!;
    if (job.state === 'checking') {
      await kind.check(deps, job.id, options).catch(async (error: unknown) => {
        deps.logger.error({ err: error, jobId: job!.id, kind: job!.kind }, 'import check failed');
        await failJob(deps.db, job!.id, '检查文件时出错，请重新上传', null, now());
      });
    } else {
      // An import that throws keeps its lease until it runs out, then resumes (here or on another instance).
      await kind.apply(deps, job.id, options).catch(async (error: unknown) => {
        deps.logger.error({ err: error, jobId: job!.id, kind: job!.kind }, 'import interrupted; it resumes later');
        await noteInterruption(deps.db, job!.id, now());
      });
    }
  }
  return handled;
}

const running = new WeakMap<Db, Promise<unknown>>();

/** Starts a run in this process now (after an upload or a start), after any run already going. */
export function kickImports(deps: ImportDeps, options: ImportRunOptions = {}): Promise<unknown> {
  const next = (running.get(deps.db) ?? Promise.resolve())
    .then(() => runPendingImports(deps, options))
    .catch((error: unknown) => deps.logger.error({ err: error }, 'import worker failed'));
  running.set(deps.db, next);
  return next;
}

/** Resolves once the runs this process started have finished (tests, shutdown). */
export function importsSettled(db: Db): Promise<unknown> {
  return running.get(db) ?? Promise.resolve();
}

/** Every instance looks for jobs now and then: one left by a restart or by an instance that died. */
export function startImportWorker(deps: ImportDeps, intervalMs = 10_000): () => void {
  const timer = setInterval(() => void kickImports(deps), intervalMs);
  timer.unref();
  void kickImports(deps);
  return () => clearInterval(timer);
}
