import { UniqueConstraintError, type Sequelize } from 'sequelize';

/** Row-lock suffixes: MySQL locks rows; SQLite runs one write transaction at a time and needs none. */
export function forUpdate(sequelize: Sequelize, options: { skipLocked?: boolean } = {}): string {
  if (sequelize.getDialect() === 'sqlite') return '';
  return options.skipLocked ? ' FOR UPDATE SKIP LOCKED' : ' FOR UPDATE';
}

/** `INSERT IGNORE` in the dialect's words: a row that is already there is left as it is. */
export function insertIgnore(sequelize: Sequelize): string {
  return sequelize.getDialect() === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
}

type DriverError = { errno?: number; code?: string };

/** The driver's own error: Sequelize wraps it in `original`; plain SQL on a mysql2 connection throws it as is. */
const driverError = (error: unknown): DriverError =>
  (error as { original?: DriverError }).original ?? (error as DriverError);

export function isDeadlock(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return errno === 1213 || errno === 1205 || code === 'SQLITE_BUSY';
}

/** A unique key refused the row (MySQL ER_DUP_ENTRY; SQLite's UNIQUE constraint). */
export function isDuplicateKey(error: unknown): boolean {
  if (error instanceof UniqueConstraintError) return true;
  const { errno, code } = driverError(error);
  return errno === 1062 || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test((error as Error).message));
}

/** Runs `work` again when the database chose it as a deadlock victim (it was rolled back whole). */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/**
 * A Date as a replacement value with its milliseconds: Sequelize writes Dates to MySQL to the
 * second, which would make "held before 12:00:00.500" include nothing held at 12:00:00.200.
 */
export function preciseTime(sequelize: Sequelize, at: Date): Date | string {
  return sequelize.getDialect() === 'sqlite' ? at : at.toISOString().replace('T', ' ').replace('Z', '');
}
