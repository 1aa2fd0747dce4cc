import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from '../../server/src/nodeFlags';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Starts `server/src/main.ts` (or another entry: the cluster's) as `npm start` does, with only the given environment on top of PATH/HOME. Node loads
 * tsx itself (`--import tsx`) rather than through the tsx CLI, whose parent process relays signals with 30 ms
 * waits: on a loaded machine it gave up and died of the SIGTERM the test sends, instead of letting the server
 * shut down gracefully.
 */
export function startServerProcess(env: Record<string, string>, entry = 'server/src/main.ts'): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...serverNodeFlags(), entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the process prints its API address, and returns it. */
export async function waitForApiUrl(server: ServerProcess, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /API\s+(http:\/\/localhost:\d+)\/api/.exec(server.output());
    if (match) return match[1]!;
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start in time:\n${server.output()}`);
}
