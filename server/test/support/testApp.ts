import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig, type DatabaseConfig } from '../../src/config';
import { createSequelize } from '../../src/db/database';
import { createDb, type Db } from '../../src/db/models';
import { createLogger, type Logger } from '../../src/logger';
import { resolveIntegrations, simulatorOptionsFor } from '../../src/integrations';
import { captchaHookFor } from '../../src/simulator/captchaHook';
import type { Secrets } from '../../src/secrets';
import type { Services } from '../../src/services';
import type { SimulatorOptions } from '../../src/simulator/simulatorApp';
import { startSimulator } from '../../src/simulator/startSimulator';
import { SimulatorClient } from './simulatorClient';

let secrets: Secrets | undefined;

/** One set of secrets per test process, so fixtures seal ID numbers the way the test servers read them. */
export function testSecrets(): Secrets {
  secrets ??= {
    jwtSecret: randomBytes(32).toString('hex'),
    idEncryptionKey: randomBytes(32),
    idHashKey: randomBytes(32),
  };
  return secrets;
}

/** The run's migrated MySQL database (see globalSetup), or the one a test server's configuration names. */
export function openTestDb(database: string | DatabaseConfig = inject('databaseUrl')): Db {
  const config =
    typeof database === 'string' ? loadConfig({ NODE_ENV: 'test', DATABASE_URL: database }).database : database;
  return createDb(createSequelize(config), config);
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
  services: Services;
  logLines: string[];
  simulator: SimulatorClient;
  /** The made-up keys the simulator signs and encrypts with (tests forge notifications with them). */
  simulatorOptions: SimulatorOptions;
  close(): Promise<void>;
}

/** Browser tests drive the H5 build that stands in for WeChat through /sim (`npm run build:h5:sim`) unless told. */
const H5_SIMULATOR_BUILD = fileURLToPath(new URL('../../../miniprogram/dist/h5-sim', import.meta.url));

/** The real Koa app on an ephemeral port, against the run's database. */
export async function startTestServer(overrides: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    DATA_DIR: path.join(os.tmpdir(), `kaowei-test-${randomBytes(4).toString('hex')}`),
    H5_DIST_DIR: H5_SIMULATOR_BUILD,
    ...overrides,
  });
  const db = openTestDb(config.database);
  const { logger, lines } = captureLogs();
  const simulatorOptions = (await simulatorOptionsFor(config))!;
  const simulator = await startSimulator(simulatorOptions, 0);
  const app = createApp({
    config,
    db,
    logger,
    secrets: testSecrets(),
    integrations: resolveIntegrations(config, { options: simulatorOptions, host: simulator.host }),
    onCaptchaIssued: captchaHookFor(simulator, undefined),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  app.services.wechatPay.config.notifyUrl = `http://127.0.0.1:${port}/api/payments/notify`;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    config,
    services: app.services,
    logLines: lines,
    simulator: new SimulatorClient(`http://${simulator.host}`),
    simulatorOptions,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await simulator.close();
      await db.sequelize.close();
      // The made-up data directory holds the simulator's keys (and whatever the test uploaded).
      if (!overrides.DATA_DIR) await rm(config.dataDir, { recursive: true, force: true });
    },
  };
}
