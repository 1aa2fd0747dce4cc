import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generatePayKeys } from './payKeys';
import type { SimulatorOptions } from './simulatorApp';

/** Where the simulator keeps its made-up credentials and keys, and the environment a server needs to use it. */
export const simulatorDir = (dataDir: string) => path.join(dataDir, 'simulator');

/** Writes a file only its owner can read, atomically, so a concurrent reader never sees half of it. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}

/**
 * The simulator's credentials and keys, made up once and kept in DATA_DIR/simulator/keys.json, so a restarted
 * simulator (standalone or inside `npm start`) still accepts the servers configured for it. A different app id
 * makes new ones.
 */
export async function loadOrCreateSimulatorOptions(dataDir: string, appId: string): Promise<SimulatorOptions> {
  const file = path.join(simulatorDir(dataDir), 'keys.json');
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as SimulatorOptions,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
  if (stored?.wechat.appId === appId) return stored;
  const options: SimulatorOptions = {
    wechat: { appId, appSecret: randomBytes(16).toString('hex') },
    sms: {
      secretId: `AKID${randomBytes(12).toString('hex')}`,
      secretKey: randomBytes(16).toString('hex'),
      sdkAppId: '1400000001',
    },
    pay: await generatePayKeys(appId),
  };
  await writePrivateFile(file, `${JSON.stringify(options, null, 2)}\n`);
  return options;
}
