import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseConfigFromUrl } from '@kaowei/server/src/config';
import { solvedCaptcha } from '@kaowei/server/test/support/accountFlows';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import { createScratchDatabase, dropScratchDatabase } from '@kaowei/server/test/support/mysqlAdmin';
import { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import { afterAll, describe, expect, it } from 'vitest';
import { firstBooking } from './support/firstBooking';
import { startServerProcess, waitForApiUrl } from './support/serverProcess';
import { startSimulatorProcess, type SimulatorProcess } from './support/simulatorProcess';

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kaowei-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** `npm run simulator`: WeChat, WeChat Pay and SMS as a process several server instances can share. */
describe('the standalone simulator', () => {
  it('keeps its credentials and keys, readable only by its owner, across a restart', async () => {
    const dataDir = tempDir('sim');
    const first = await startSimulatorProcess(dataDir);
    await first.stop();
    const second = await startSimulatorProcess(dataDir);
    await second.stop();

    const { SIMULATOR_URL: _a, WECHAT_API_BASE: _b, WECHATPAY_API_BASE: _c, SMS_ENDPOINT: _d, ...keys } = first.env;
    expect(second.env).toMatchObject(keys);
    expect(keys.WECHATPAY_PRIVATE_KEY).toContain('PRIVATE KEY');
    for (const file of ['keys.json', 'client-env.json']) {
      expect(fs.statSync(path.join(dataDir, 'simulator', file)).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses to start in production', async () => {
    const dataDir = tempDir('sim-prod');
    await expect(startSimulatorProcess(dataDir, { NODE_ENV: 'production' })).rejects.toThrow(
      /simulator: the WeChat\/SMS simulator never runs in production/,
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('serves a server configured with its client env: captcha, SMS login code, and a paid order notified', async () => {
    const simulator: SimulatorProcess = await startSimulatorProcess(tempDir('sim-shared'));
    const databaseUrl = await createScratchDatabase('standalone_sim');
    const dataDir = tempDir('server');
    const server = startServerProcess({
      ...simulator.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'development',
      SMS_RESEND_SECONDS: '0',
    });
    try {
      const base = await waitForApiUrl(server);
      expect(server.output()).toContain(`simulator  ${simulator.url} (standalone)`);
      expect(fs.existsSync(path.join(dataDir, 'simulator'))).toBe(false);

      // Captcha answers are posted to the simulator before the image is handed out.
      const direct = new SimulatorClient(simulator.url);
      const { captchaAnswer } = await solvedCaptcha(new ApiClient(base), direct);
      expect(captchaAnswer).toMatch(/^\w{4}$/);

      // Through the server's /sim proxy, as the H5 simulator build would.
      const { phone, outTradeNo } = await firstBooking(
        base,
        new SimulatorClient(base),
        dataDir,
        databaseConfigFromUrl(databaseUrl, dataDir),
      );
      expect((await direct.inbox(phone)).length).toBeGreaterThanOrEqual(2);
      expect(await direct.payOrder(outTradeNo)).toMatchObject({ tradeState: 'SUCCESS' });
      expect((await direct.deliveries()).filter((delivery) => delivery.status < 300)).not.toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await simulator.stop();
      await dropScratchDatabase(databaseUrl);
    }
  });
});
