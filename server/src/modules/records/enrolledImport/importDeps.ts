import type { Db } from '../../../db/models';
import type { IdCardVault } from '../../../lib/idCardVault';
import type { Logger } from '../../../logger';

/** What the enrolled import needs: the database, the vault that seals document numbers, where files are kept. */
export interface ImportDeps {
  db: Db;
  vault: IdCardVault;
  logger: Logger;
  config: { dataDir: string };
}

/** Knobs tests and the bench turn: rows per transaction, the clock, a hook before each import batch. */
export interface ImportRunOptions {
  batchSize?: number;
  now?: () => Date;
  /** Called before each import batch with how many were committed so far; throwing stops the run there. */
  beforeBatch?: (committedBatches: number) => void;
}

export const DEFAULT_BATCH_SIZE = 1000;
/** How long a worker holds a job between batches before another instance may take it over. */
export const LEASE_MS = 60_000;
