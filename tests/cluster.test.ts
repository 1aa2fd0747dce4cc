import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, dropScratchDatabase } from '@kaowei/server/test/support/mysqlAdmin';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, waitForApiUrl, type ServerProcess } from './support/serverProcess';

const CLUSTER = 'server/src/cluster/startCluster.ts';

/**
 * The primary's workers (Linux /proc): its children running Node. tsx also gives the primary an esbuild
 * child, which must not be taken for a worker.
 */
function workerPids(primary: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
        return parent === primary && command === process.execPath;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** `npm run start:cluster`: workers on one port, a dead one replaced, all drained on SIGTERM. */
describe('npm run start:cluster', () => {
  let databaseUrl = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-cluster-'));
  afterAll(async () => {
    if (databaseUrl) await dropScratchDatabase(databaseUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from two workers, restarts one that dies, and exits 0 once SIGTERM drained them', async () => {
    databaseUrl = await createScratchDatabase('cluster');
    const cluster: ServerProcess = startServerProcess(
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PORT: '0',
        SIMULATOR_PORT: '0',
        SEED_DEMO: 'never',
        LOG_LEVEL: 'info',
        CLUSTER_WORKERS: '2',
        JWT_SECRET: randomBytes(48).toString('base64url'),
        ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        ID_HASH_KEY: randomBytes(32).toString('hex'),
      },
      CLUSTER,
    );
    const listening = () => cluster.output().match(/"msg":"kaowei listening"/g)?.length ?? 0;
    const base = await waitForApiUrl(cluster);
    await expect.poll(listening, { timeout: 60_000 }).toBe(2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/api/ready`)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);

    const workers = workerPids(cluster.child.pid!);
    expect(workers).toHaveLength(2);
    process.kill(workers[0]!, 'SIGKILL');
    await expect.poll(listening, { timeout: 60_000 }).toBe(3);
    expect(cluster.output()).toContain('"msg":"worker died"');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    cluster.child.kill('SIGTERM');
    expect(await cluster.exited, cluster.output()).toBe(0);
    expect(cluster.output().match(/"msg":"stopped"/g)).toHaveLength(2);
    expect(cluster.output()).toContain('every worker stopped');
  });
});
