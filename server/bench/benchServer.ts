/**
 * The server process of bench:rush and bench:paths, built as main.ts builds it: configuration and
 * secrets from the environment the parent gives, a migrated database, the pool warmed before listening.
 * No schedulers and no demo data, so all the work it does is the requests'. The parent sends where the
 * simulator listens, and asks for CPU time and peak memory over IPC.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { warmPool } from '../src/db/database';
import { openDatabase } from '../src/db/openDatabase';
import { resolveIntegrations } from '../src/integrations';
import { createLogger } from '../src/logger';
import { resolveSecrets } from '../src/secrets';
import type { FromServer, ToServer } from './serverProcess';

const send = (message: FromServer) => process.send!(message);

/**
 * Round trips to the database: every query or prepared-statement execution a mysql2 connection (Sequelize's
 * or plain SQL's) sends is one packet and one wait, however many statements it carries. MariaDB's own
 * counters count statements.
 */
let sqlRoundTrips = 0;
const { Connection } = createRequire(import.meta.url)('mysql2') as {
  Connection: { prototype: { addCommand(command: object): unknown } };
};
const addCommand = Connection.prototype.addCommand;
Connection.prototype.addCommand = function (command: object) {
  const kind = command.constructor.name;
  if (kind === 'Query' || kind === 'Execute') sqlRoundTrips += 1;
  return addCommand.call(this, command);
};

/** VmHWM from /proc where there is one (Linux), else the lifetime maximum Node reports. */
function peakRssKb(): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

const config = loadConfig();
const logger = createLogger({ level: config.logLevel });
const opened = openDatabase(config, logger, { migrate: false });
let listening: { server: Server; settled: () => Promise<void> } | undefined;

async function start(simulator: Extract<ToServer, { type: 'start' }>['simulator']): Promise<number> {
  const db = await opened;
  const app = createApp({
    config,
    db,
    logger,
    secrets: resolveSecrets(config),
    integrations: resolveIntegrations(config, simulator),
  });
  await warmPool(db.sequelize, config.database);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  listening = { server, settled: () => app.services.smsCodes.settled() };
  return (server.address() as AddressInfo).port;
}

async function stop(): Promise<void> {
  if (listening) {
    listening.server.closeAllConnections();
    await new Promise((resolve) => listening!.server.close(resolve));
    await listening.settled();
  }
  await (await opened).sequelize.close();
}

process.on('message', (message: ToServer) => {
  switch (message.type) {
    case 'start':
      void start(message.simulator).then((port) => send({ type: 'listening', port }));
      return;
    case 'usage': {
      const cpu = process.cpuUsage();
      send({ type: 'usage', cpuMicros: cpu.user + cpu.system, peakRssKb: peakRssKb(), sqlRoundTrips });
      return;
    }
    case 'stop':
      void stop().then(() => process.exit(0));
      return;
  }
});
