import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './serverProcess';

export interface SimulatorProcess {
  /** "http://127.0.0.1:port" */
  url: string;
  /** "127.0.0.1:port" */
  host: string;
  /** What a server needs to use this simulator (DATA_DIR/simulator/client-env.json). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Runs `npm run simulator` (as node --import tsx, like the servers) on a free port with the given DATA_DIR, and
 * waits until it listens. `env` adds to or overrides its environment.
 */
export async function startSimulatorProcess(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/scripts/simulator.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SIMULATOR_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start in time:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /simulator listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited (${code}) before listening:\n${output}`));
    });
  });
  const clientEnv = JSON.parse(await readFile(path.join(dataDir, 'simulator', 'client-env.json'), 'utf8')) as Record<
    string,
    string
  >;
  return {
    url,
    host: new URL(url).host,
    env: clientEnv,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
