import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createSequelize, warmPool } from '../src/db/database';
import { fastReads } from '../src/db/fastReads';
import { connectionsTo, createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';

describe('the MySQL pool is warm before the server listens', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase('warm');
  });
  afterAll(() => dropScratchDatabase(databaseUrl));

  it('opens DB_POOL_MIN connections in each pool at start-up, none before', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DB_POOL_MIN: '6', DB_POOL_MAX: '8' });
    const sequelize = createSequelize(config.database);
    try {
      expect(await connectionsTo(databaseUrl)).toBe(0);
      await warmPool(sequelize, config.database);
      // Sequelize's pool and the publish-morning reads' own (db/fastReads.ts).
      expect(await connectionsTo(databaseUrl)).toBe(12);
      // A request afterwards takes one of them rather than opening another.
      await sequelize.query('SELECT 1');
      await fastReads(sequelize).rows('SELECT 1');
      expect(await connectionsTo(databaseUrl)).toBe(12);
    } finally {
      await sequelize.close();
    }
  });
});
