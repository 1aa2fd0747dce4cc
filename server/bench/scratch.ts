import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../src/config';
import { createSequelize } from '../src/db/database';
import { createMigrator } from '../src/db/migrator';
import { createDb, type Db } from '../src/db/models';
import { resolveIntegrations, simulatorOptionsFor } from '../src/integrations';
import { createLogger } from '../src/logger';
import { resolveSecrets } from '../src/secrets';
import { buildServices, type Services } from '../src/services';
import type { SimulatorOptions } from '../src/simulator/simulatorApp';
import { startSimulator } from '../src/simulator/startSimulator';
import { createScratchDatabase, dropScratchDatabase } from '../test/support/mysqlAdmin';

/**
 * A benchmark's world: an empty migrated database on TEST_DATABASE_URL (the local MariaDB by default),
 * the environment the server process gets, and in this process the services that prepare data (same
 * secrets as the server's) and the simulator standing in for WeChat and Tencent Cloud SMS.
 */
export interface Scratch {
  databaseUrl: string;
  /** For the server process: what main.ts would read. */
  env: NodeJS.ProcessEnv;
  config: AppConfig;
  db: Db;
  services: Services;
  simulator: { options: SimulatorOptions; host: string };
  close(): Promise<void>;
}

/** Limits per client address are lifted: every bench request comes from 127.0.0.1, where an opening
 * minute comes from thousands of addresses. Per-phone and per-account limits stay as configured. */
const ONE_ADDRESS_IS_MANY = {
  SMS_IP_HOURLY: '1000000',
  SMS_IP_DAILY: '1000000',
  SMS_IP_CAPTCHA_AFTER: '1000000',
  LOGIN_IP_CAPTCHA_AFTER: '1000000',
  LOGIN_IP_LOCK_AFTER: '1000000',
  CAPTCHA_IP_PER_MINUTE: '1000000',
};

export async function openScratch(label: string): Promise<Scratch> {
  const databaseUrl = await createScratchDatabase(label);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `kaowei-bench-${label}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ONE_ADDRESS_IS_MANY,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SIMULATOR_PROXY: 'false',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ID_HASH_KEY: randomBytes(32).toString('hex'),
  };
  const config = loadConfig(env);
  // Preparing needs a connection or two, and none of them may stay busy while the server is measured.
  const sequelize = createSequelize({ ...config.database, pool: { ...config.database.pool!, min: 0 } });
  const db: Db = createDb(sequelize, config.database);
  const options = (await simulatorOptionsFor(config))!;
  const running = await startSimulator(options, 0);
  const simulator = { options, host: running.host };
  await createMigrator(sequelize).up();
  const services = buildServices({
    config,
    db,
    logger: createLogger({ level: 'warn', destination: { write: (line: string) => process.stderr.write(line) } }),
    secrets: resolveSecrets(config),
    integrations: resolveIntegrations(config, simulator),
  });
  return {
    databaseUrl,
    env,
    config,
    db,
    services,
    simulator,
    close: async () => {
      await running.close();
      await sequelize.close();
      await dropScratchDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
