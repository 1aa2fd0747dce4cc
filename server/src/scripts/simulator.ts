import path from 'node:path';
import { DEFAULT_DATA_DIR } from '../config';
import { simulatorClientEnv } from '../simulator/clientEnv';
import { loadOrCreateSimulatorOptions, simulatorDir, writePrivateFile } from '../simulator/simulatorKeys';
import { startSimulator } from '../simulator/startSimulator';

/**
 * `npm run simulator`: WeChat, WeChat Pay and Tencent Cloud SMS as a process of their own, so several server
 * instances can share one. Its keys live in DATA_DIR/simulator/keys.json; the environment a server needs to use it
 * is written to DATA_DIR/simulator/client-env.json once it listens.
 */
async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('the WeChat/SMS simulator never runs in production (NODE_ENV=production)');
  }
  const dataDir = path.resolve(process.env.DATA_DIR || DEFAULT_DATA_DIR);
  const port = Number(process.env.SIMULATOR_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('SIMULATOR_PORT must be a port number');
  const listenHost = process.env.SIMULATOR_HOST || '127.0.0.1';
  const options = await loadOrCreateSimulatorOptions(dataDir, process.env.WECHAT_APP_ID || 'wxkaoweidev0000001');
  const simulator = await startSimulator(options, port, listenHost);
  await writePrivateFile(
    path.join(simulatorDir(dataDir), 'client-env.json'),
    `${JSON.stringify(simulatorClientEnv(options, simulator.host), null, 2)}\n`,
  );
  console.log(`simulator listening on http://${simulator.host}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
