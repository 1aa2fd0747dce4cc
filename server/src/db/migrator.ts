import { QueryTypes, type QueryInterface, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger';
import { MIGRATIONS } from './migrations';

export interface Migration {
  name: string;
  up: (params: { context: QueryInterface }) => Promise<void>;
  down: (params: { context: QueryInterface }) => Promise<void>;
}

export function createMigrator(sequelize: Sequelize, logger?: Logger): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS,
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: logger
      ? {
          info: (msg) => logger.info(msg, 'migration'),
          warn: (msg) => logger.warn(msg, 'migration'),
          error: (msg) => logger.error(msg, 'migration'),
          debug: (msg) => logger.debug(msg, 'migration'),
        }
      : undefined,
  });
}

/** How long an instance waits for another one's migrations before giving up. */
const MIGRATION_LOCK_SECONDS = 300;

/**
 * Applies pending migrations, one instance at a time: several servers starting together on one MySQL database
 * would otherwise all create the same tables. The lock is a named lock held by one pinned connection (an empty
 * transaction), so it ends with that connection even if the process dies. SQLite has one process.
 */
export async function migrateUp(sequelize: Sequelize, migrator: Umzug<QueryInterface>): Promise<void> {
  if (sequelize.getDialect() !== 'mysql') {
    await migrator.up();
    return;
  }
  const pinned = await sequelize.transaction();
  try {
    const name = `kaowei_migrate_${sequelize.getDatabaseName()}`;
    const [row] = await sequelize.query<{ locked: number | null }>('SELECT GET_LOCK(?, ?) AS locked', {
      replacements: [name, MIGRATION_LOCK_SECONDS],
      type: QueryTypes.SELECT,
      transaction: pinned,
    });
    if (row?.locked !== 1) throw new Error(`another instance held the migration lock for ${MIGRATION_LOCK_SECONDS} s`);
    try {
      await migrator.up();
    } finally {
      await sequelize.query('SELECT RELEASE_LOCK(?)', { replacements: [name], transaction: pinned });
    }
  } finally {
    await pinned.commit();
  }
}
