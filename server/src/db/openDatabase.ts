import type { AppConfig } from '../config';
import { ConfigError } from '../config';
import type { Logger } from '../logger';
import { createSequelize, describeDatabase } from './database';
import { createMigrator, migrateUp } from './migrator';
import { createDb, type Db } from './models';

/**
 * Connects, migrates (or, for read-only checks, insists on a migrated schema) and defines the models. A database that cannot be reached is a
 * configuration error naming DATABASE_URL, so start-up ends with one clear line.
 */
export async function openDatabase(
  config: AppConfig,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<Db> {
  const sequelize = createSequelize(config.database);
  try {
    await sequelize.authenticate();
  } catch (error) {
    await sequelize.close().catch(() => undefined);
    const reason =
      (error as { original?: { code?: string }; message: string }).original?.code ?? (error as Error).message;
    throw new ConfigError(`DATABASE_URL: cannot connect to ${describeDatabase(config.database)} (${reason})`);
  }
  const migrator = createMigrator(sequelize, logger);
  if (options.migrate !== false) await migrateUp(sequelize, migrator);
  else if ((await migrator.pending()).length > 0) {
    // Checks read the schema as it is: say what to do rather than failing on a missing table.
    await sequelize.close();
    throw new ConfigError(
      `${describeDatabase(config.database)} is not migrated yet: run \`npm start\` or \`npm run migrate\` first`,
    );
  }
  return createDb(sequelize, config.database);
}
