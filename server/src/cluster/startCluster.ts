/**
 * npm run start:cluster — N workers (CLUSTER_WORKERS or WEB_CONCURRENCY, default one per core) serving
 * one port with node:cluster, each running main.ts's start-up: the schedulers run on every worker and
 * each job still runs once (job_runs, SKIP LOCKED). The primary migrates and seeds the database first,
 * and in development runs the one simulator the workers share (they reach it as they would a standalone
 * one, SIMULATOR_URL and its client env). SIGTERM or SIGINT drains every worker
 * (open requests finished, database closed) and the primary exits 0 once all have exited; a worker that
 * dies otherwise is restarted, with a back-off, until a crash loop makes the primary give up.
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/openDatabase';
import { seedOnFirstRun } from '../demo/seedOnFirstRun';
import { simulatorOptionsFor } from '../integrations';
import { createLogger } from '../logger';
import { resolveSecrets } from '../secrets';
import { simulatorClientEnv } from '../simulator/clientEnv';
import { startSimulator } from '../simulator/startSimulator';
import { RestartPolicy } from './restartPolicy';

function workerCount(): number {
  const given = process.env.CLUSTER_WORKERS ?? process.env.WEB_CONCURRENCY;
  if (given === undefined || given === '') return os.availableParallelism();
  const count = Number(given);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`CLUSTER_WORKERS: not a worker count: ${given}`);
  return count;
}

async function startCluster(): Promise<void> {
  const config = loadConfig();
  const secrets = resolveSecrets(config);
  const logger = createLogger({ level: config.logLevel, pretty: config.env === 'development' && process.stdout.isTTY });
  const count = workerCount();
  const db = await openDatabase(config, logger);
  const seeded = await seedOnFirstRun(config, db, secrets, logger);
  if (seeded) console.log(seeded);
  await db.sequelize.close();

  const simulatorOptions = await simulatorOptionsFor(config);
  const simulator = simulatorOptions ? await startSimulator(simulatorOptions, config.integrations.simulatorPort) : null;
  const env = simulator ? simulatorClientEnv(simulatorOptions!, simulator.host) : {};
  cluster.setupPrimary({ exec: fileURLToPath(new URL('../main.ts', import.meta.url)) });

  const policy = new RestartPolicy();
  let stopping = false;
  const fork = () => cluster.fork(env);
  const stop = async (signal: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'draining every worker');
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
    await Promise.all(
      workers.map((worker) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.process.kill('SIGTERM');
        return exited;
      }),
    );
    await simulator?.close();
    logger.info('every worker stopped');
    process.exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const delay = policy.afterDeath(Date.now());
    logger.error({ worker: worker.id, code, signal, restartInMs: delay }, 'worker died');
    if (delay === null) {
      logger.fatal('workers keep dying: stopping the cluster');
      void stop('crash loop', 1);
      return;
    }
    setTimeout(fork, delay);
  });
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGINT', () => void stop('SIGINT', 0));
  logger.info({ workers: count }, 'starting the cluster');
  for (let i = 0; i < count; i += 1) fork();
}

startCluster().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`kaowei: ${error.message}`);
  else console.error('kaowei: cluster start-up failed:', error);
  process.exit(1);
});
