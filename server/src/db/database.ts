import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { DEFAULT_POOL, type DatabaseConfig } from '../config';
import type { Logger } from '../logger';

export function createSequelize(config: DatabaseConfig, logger?: Logger): Sequelize {
  const logging = logger ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  const define = { underscored: true, timestamps: true };
  if (config.dialect === 'sqlite') {
    if (config.storage && config.storage !== ':memory:') {
      fs.mkdirSync(path.dirname(config.storage), { recursive: true });
    }
    return new Sequelize({
      dialect: 'sqlite',
      storage: config.storage,
      logging,
      define,
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
  }
  const pool = config.pool ?? DEFAULT_POOL;
  return new Sequelize(config.url, {
    dialect: 'mysql',
    logging,
    define,
    timezone: '+00:00',
    pool: { max: pool.max, min: 0, acquire: pool.acquireMs, idle: pool.idleMs },
    dialectOptions: { supportBigNumbers: true, dateStrings: false, connectTimeout: 5_000 },
  });
}

/** Describes the target without its password, for logs and start-up errors. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.dialect === 'sqlite') return `sqlite ${config.storage}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'mysql (unparseable URL)';
  }
}
