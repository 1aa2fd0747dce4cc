import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseConfigFromUrl } from '../src/config';
import { createSequelize } from '../src/db/database';
import { MIGRATIONS } from '../src/db/migrations';
import { createMigrator } from '../src/db/migrator';
import { createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';
import { startTestServer, type TestServer } from './support/testApp';

/** A load balancer sends traffic only to an instance whose database answers and is fully migrated. */
describe('GET /api/ready on a database migrated partway', () => {
  let databaseUrl: string;
  let server: TestServer;
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase('ready');
    server = await startTestServer({ DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await server.close();
    await dropScratchDatabase(databaseUrl);
  });

  it('is not ready until the last migration is applied, then ready', async () => {
    const sequelize = createSequelize(databaseConfigFromUrl(databaseUrl, '.'));
    try {
      const migrator = createMigrator(sequelize);
      await migrator.up({ to: MIGRATIONS[1]!.name });
      const pending = await fetch(`${server.baseUrl}/api/ready`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toMatchObject({
        code: 'MIGRATIONS_PENDING',
        message: '数据库结构尚未升级完成，请稍后再试',
      });
      expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);

      await migrator.up();
      const ready = await fetch(`${server.baseUrl}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'mysql' });
    } finally {
      await sequelize.close();
    }
  });
});
