/**
 * npm run bench:rush — the opening minute of a booking period, against the real server on MySQL.
 *
 * Thousands of logged-in candidates, each with a valid SMS code, hold 2–4 courses in one of a few
 * counties whose morning units have fewer seats than demand, at a chosen concurrency. Then the same
 * transaction shape runs straight through mysql2 at the same concurrency, for the ratio HTTP / raw.
 * The last line printed is one JSON object.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createSequelize, warmPool } from '../src/db/database';
import { createMigrator } from '../src/db/migrator';
import { createDb, type Db } from '../src/db/models';
import { resolveIntegrations, simulatorOptionsFor } from '../src/integrations';
import { createLogger } from '../src/logger';
import { checkSeats } from '../src/modules/booking/checkSeats';
import { startSimulator } from '../src/simulator/startSimulator';
import { createScratchDatabase, dropScratchDatabase } from '../test/support/mysqlAdmin';
import { prepareRush, type RushCandidate } from './rushData';
import { runRawRush } from './rawRush';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '200' },
  },
});
const CANDIDATES = Number(values.candidates);
const CONCURRENCY = Number(values.concurrency);

export interface RequestStats {
  latencies: number[];
  itemsHeld: number;
  seatFull: number;
  refused: number;
  errors: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function runHttpRush(port: number, candidates: RushCandidate[], concurrency: number): Promise<RequestStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const stats: RequestStats = { latencies: [], itemsHeld: 0, seatFull: 0, refused: 0, errors: 0, seconds: 0 };
  const post = (candidate: RushCandidate) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = JSON.stringify({
        periodId: candidate.periodId,
        countyId: candidate.countyId,
        courseCodes: candidate.courseCodes,
        smsCode: candidate.smsCode,
      });
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/booking/holds',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            Authorization: `Bearer ${candidate.token}`,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < candidates.length) {
        const candidate = candidates[next++]!;
        const t0 = performance.now();
        try {
          const { status, body } = await post(candidate);
          stats.latencies.push(performance.now() - t0);
          if (status !== 200) {
            stats.errors += 1;
            continue;
          }
          for (const item of (JSON.parse(body) as { items: Array<{ result: string }> }).items) {
            if (item.result === 'held') stats.itemsHeld += 1;
            else if (item.result === 'seat_full') stats.seatFull += 1;
            else stats.refused += 1;
          }
        } catch {
          stats.errors += 1;
        }
      }
    }),
  );
  stats.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return stats;
}

async function main(): Promise<void> {
  const databaseUrl = await createScratchDatabase('rush');
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DATA_DIR: os.tmpdir() });
  const sequelize = createSequelize(config.database);
  const db: Db = createDb(sequelize, config.database);
  const simulatorOptions = (await simulatorOptionsFor(config))!;
  const simulator = await startSimulator(simulatorOptions, 0);
  try {
    await createMigrator(sequelize).up();
    const secrets = {
      jwtSecret: randomBytes(32).toString('hex'),
      idEncryptionKey: randomBytes(32),
      idHashKey: randomBytes(32),
    };
    const app = createApp({
      config,
      db,
      logger: createLogger({ level: 'warn', destination: { write: () => undefined } }),
      secrets,
      integrations: resolveIntegrations(config, { options: simulatorOptions, host: simulator.host }),
    });
    console.log(`preparing ${CANDIDATES} candidates for each of the two runs…`);
    const [httpRun, rawRun] = [
      await prepareRush(db, app.services, CANDIDATES, 'H'),
      await prepareRush(db, app.services, CANDIDATES, 'R'),
    ];

    await warmPool(sequelize, config.database); // as main.ts does before listening
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    console.log(`HTTP rush: ${CANDIDATES} hold requests at concurrency ${CONCURRENCY}…`);
    const httpStats = await runHttpRush(port, httpRun.candidates, CONCURRENCY);
    server.closeAllConnections();
    server.close();

    console.log(`raw mysql2 rush: the same transaction shape at concurrency ${CONCURRENCY}…`);
    const rawStats = await runRawRush(
      databaseUrl,
      rawRun,
      CONCURRENCY,
      app.services.smsCodes,
      config.database.pool!.max,
    );

    const oversold = (await checkSeats(db)).length;
    const sorted = [...httpStats.latencies].sort((a, b) => a - b);
    const holdsPerSec = Math.round(CANDIDATES / httpStats.seconds);
    const rawSqlHoldsPerSec = Math.round(CANDIDATES / rawStats.seconds);
    const result = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      candidates: CANDIDATES,
      concurrency: CONCURRENCY,
      requests: httpStats.latencies.length,
      holdsPerSec,
      p50Ms: Math.round(percentile(sorted, 50)),
      p99Ms: Math.round(percentile(sorted, 99)),
      itemsHeld: httpStats.itemsHeld,
      seatFull: httpStats.seatFull,
      refused: httpStats.refused,
      errors: httpStats.errors,
      oversold,
      rawSqlHoldsPerSec,
      rawItemsHeld: rawStats.itemsHeld,
      ratio: Number((holdsPerSec / rawSqlHoldsPerSec).toFixed(2)),
    };
    console.table({
      http: {
        'holds/s': holdsPerSec,
        'p50 ms': result.p50Ms,
        'p99 ms': result.p99Ms,
        held: httpStats.itemsHeld,
        'seat full': httpStats.seatFull,
        errors: httpStats.errors,
      },
      'raw mysql2': {
        'holds/s': rawSqlHoldsPerSec,
        held: rawStats.itemsHeld,
        'seat full': rawStats.seatFull,
        errors: rawStats.errors,
      },
    });
    console.log(JSON.stringify(result));
    if (oversold > 0 || httpStats.errors > 0) process.exitCode = 1;
  } finally {
    await simulator.close();
    await sequelize.close();
    await dropScratchDatabase(databaseUrl);
  }
}

await main();
