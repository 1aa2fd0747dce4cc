import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createSequelize, warmPool } from '../src/db/database';
import { connectionsTo, createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';

describe('the MySQL pool is warm before the server listens', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase('warm');
  });
  afterAll(() => dropScratchDatabase(databaseUrl));

  it('opens DB_POOL_MIN connections at start-up, none before', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DB_POOL_MIN: '6', DB_POOL_MAX: '8' });
    const sequelize = createSequelize(config.database);
    try {
      expect(await connectionsTo(databaseUrl)).toBe(0);
      await warmPool(sequelize, config.database);
      expect(await connectionsTo(databaseUrl)).toBe(6);
      // A request afterwards takes one of them rather than opening another.
      await sequelize.query('SELECT 1');
      expect(await connectionsTo(databaseUrl)).toBe(6);
    } finally {
      await sequelize.close();
    }
  });
});
