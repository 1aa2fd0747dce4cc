import type { QueryInterface, Sequelize } from 'sequelize';
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
