import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from '../src/nodeFlags';
import type { SimulatorOptions } from '../src/simulator/simulatorApp';

/** What the parent tells the server process. */
export type ToServer =
  { type: 'start'; simulator: { options: SimulatorOptions; host: string } } | { type: 'usage' } | { type: 'stop' };

/** What the server process answers. */
export type FromServer =
  { type: 'listening'; port: number } | { type: 'usage'; cpuMicros: number; peakRssKb: number; sqlRoundTrips: number };

export interface ServerUsage {
  /** User + system CPU time of the server process since it started, all its threads. */
  cpuMs: number;
  /** Its peak resident set (VmHWM) since it started. */
  peakRssMb: number;
  /** Packets it has sent its database to run SQL (one statement or a batch of them): round trips. */
  sqlRoundTrips: number;
}

export interface ServerProcess {
  port: number;
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./benchServer.ts', import.meta.url));

function answer<T extends FromServer['type']>(child: ChildProcess, type: T): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer) => {
      if (message.type !== type) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the bench server exited (${code}) before answering ${type}`));
    };
    child.on('message', onMessage).once('exit', onExit);
  });
}

/**
 * The real app in a process of its own (`benchServer.ts` under tsx), so the CPU time and memory measured
 * are the server's and not the load generator's. Its stdout goes to our stderr: the last line we print
 * stays the JSON one.
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  simulator: { options: SimulatorOptions; host: string },
  entryFile: string = entry,
): Promise<ServerProcess> {
  const child = fork(entryFile, [], {
    env,
    execArgv: [
      ...serverNodeFlags(),
      ...(process.env.SERVER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.SERVER_CPU_PROF] : []),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 2, 'inherit', 'ipc'],
  });
  const ask = <T extends FromServer['type']>(message: ToServer, type: T) => {
    const reply = answer(child, type);
    child.send(message);
    return reply;
  };
  const { port } = await ask({ type: 'start', simulator }, 'listening');
  return {
    port,
    usage: async () => {
      const { cpuMicros, peakRssKb, sqlRoundTrips } = await ask({ type: 'usage' }, 'usage');
      return { cpuMs: cpuMicros / 1000, peakRssMb: peakRssKb / 1024, sqlRoundTrips };
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ToServer);
      await exited;
    },
  };
}
