import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';

export { changes } from '../../kernel/changes';

/** A row's view as the JSON an audit entry keeps (dates as ISO strings). */
export const asJson = <T>(view: T): Record<string, unknown> =>
  JSON.parse(JSON.stringify(view)) as Record<string, unknown>;

/**
 * Runs an official's change of the catalog (periods, units, offerings, regions) in one transaction,
 * then invalidates this instance's catalog cache, so candidates' next requests here see the change.
 */
export function catalogTransaction<T>(db: Db, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return db.catalog.invalidateAfter(() => db.sequelize.transaction(work));
}

/** A catalogTransaction in which a duplicate unique code (a unique-key violation) answers CODE_TAKEN. */
export async function uniqueCodeTransaction<T>(
  db: Db,
  duplicate: { what: string; code: string },
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await catalogTransaction(db, work);
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new AppError('CODE_TAKEN', duplicate);
    throw error;
  }
}

/**
 * A spreadsheet import: a dry run reads only, outside any transaction; an import is one catalogTransaction in
 * which a unique-key violation (another import of the same codes committed first) answers CONFLICT.
 */
export async function importTransaction<T>(
  db: Db,
  dryRun: boolean,
  run: (transaction?: Transaction) => Promise<T>,
): Promise<T> {
  if (dryRun) return run();
  try {
    return await catalogTransaction(db, run);
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new AppError('CONFLICT');
    throw error;
  }
}
