import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { DEFAULT_POOL, type DatabaseConfig } from '../config';
import type { Logger } from '../logger';
import { warmFastReads } from './fastReads';

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
    pool: { max: pool.max, min: pool.min, acquire: pool.acquireMs, idle: pool.idleMs },
    // multipleStatements: plain-SQL transactions send statements asked for together in one round trip
    // (db/statementBatch.ts). Every statement is written with ? placeholders, never with values spliced in.
    dialectOptions: { supportBigNumbers: true, dateStrings: false, connectTimeout: 5_000, multipleStatements: true },
  });
}

/**
 * Opens the pool's minimum of connections at once and hands them back: the pool keeps them (it only
 * closes idle ones above the minimum), so the first wave of requests finds them open; the hot reads' own
 * pool (fastReads.ts) likewise. SQLite has none.
 */
export async function warmPool(sequelize: Sequelize, config: DatabaseConfig): Promise<void> {
  if (config.dialect !== 'mysql') return;
  const { connectionManager } = sequelize;
  const count = (config.pool ?? DEFAULT_POOL).min;
  const opened = await Promise.all(
    Array.from({ length: count }, () => connectionManager.getConnection({ type: 'write' })),
  );
  for (const connection of opened) connectionManager.releaseConnection(connection);
  await warmFastReads(sequelize, count);
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
