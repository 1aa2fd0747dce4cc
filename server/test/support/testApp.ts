import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { createSequelize } from '../../src/db/database';
import { defineModels, type Db } from '../../src/db/models';
import { createLogger, type Logger } from '../../src/logger';
import type { Secrets } from '../../src/secrets';

export function testSecrets(): Secrets {
  return { jwtSecret: randomBytes(32).toString('hex'), idEncryptionKey: randomBytes(32), idHashKey: randomBytes(32) };
}

/** The run's migrated MySQL database (see globalSetup). */
export function openTestDb(databaseUrl = inject('databaseUrl')): Db {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl });
  const sequelize = createSequelize(config.database);
  return { sequelize, models: defineModels(sequelize) };
}

/** Collects every log line as text, to assert on what reaches the logs. */
export function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

export interface TestServer {
  baseUrl: string;
  db: Db;
  config: AppConfig;
  logLines: string[];
  close(): Promise<void>;
}

/** The real Koa app on an ephemeral port, against the run's database. */
export async function startTestServer(overrides: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    DATA_DIR: path.join(os.tmpdir(), `kaowei-test-${randomBytes(4).toString('hex')}`),
    ...overrides,
  });
  const db = openTestDb(config.database.url);
  const { logger, lines } = captureLogs();
  const app = createApp({ config, db, logger, secrets: testSecrets() });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    config,
    logLines: lines,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.sequelize.close();
    },
  };
}
