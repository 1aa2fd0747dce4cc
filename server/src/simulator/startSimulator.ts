import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type SimulatorOptions } from './simulatorApp';
import type { SimulatorState } from './state';

export interface RunningSimulator {
  server: Server;
  /** "127.0.0.1:port" (the listening address and port), what the SDKs are pointed at. */
  host: string;
  state: SimulatorState;
  close(): Promise<void>;
}

/** Listens on loopback unless told otherwise; port 0 picks a free one. */
export async function startSimulator(
  options: SimulatorOptions,
  port: number,
  listenHost = '127.0.0.1',
): Promise<RunningSimulator> {
  const { app, state } = createSimulator(options);
  const server = app.listen(port, listenHost);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  // Listening on every interface, it is reached on loopback from this machine.
  const connectHost = ['0.0.0.0', '::'].includes(listenHost) ? '127.0.0.1' : listenHost;
  const host = `${connectHost.includes(':') ? `[${connectHost}]` : connectHost}:${(server.address() as AddressInfo).port}`;
  return {
    server,
    host,
    state,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
