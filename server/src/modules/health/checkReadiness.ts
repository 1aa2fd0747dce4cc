import type { ReadinessAnswer } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { createMigrator } from '../../db/migrator';
import { AppError } from '../../http/errors';
import type { Logger } from '../../logger';

/**
 * Readiness: the database answers and no migration is pending. Migrations are not undone under a
 * running server, so once none is pending the answer is kept and each later check costs one SELECT 1.
 */
export function readinessCheck(db: Db): (log: Logger) => Promise<ReadinessAnswer> {
  const migrator = createMigrator(db.sequelize);
  let migrated = false;
  return async (log) => {
    try {
      await db.sequelize.query('SELECT 1');
      migrated ||= (await migrator.pending()).length === 0;
    } catch (error) {
      log.warn({ err: error }, 'database not reachable');
      throw new AppError('DATABASE_UNREACHABLE');
    }
    if (!migrated) throw new AppError('MIGRATIONS_PENDING');
    return { status: 'ready', database: db.sequelize.getDialect() };
  };
}
