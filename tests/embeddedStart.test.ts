import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSequelize } from '@kaowei/server/src/db/database';
import { IdCardVault } from '@kaowei/server/src/lib/idCardVault';
import { completeFirstLogin } from '@kaowei/server/test/support/accountFlows';
import { ApiClient } from '@kaowei/server/test/support/apiClient';
import { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, waitForApiUrl } from './support/serverProcess';

/** A demo candidate's first login, then a course booked and paid by QR code: the whole path on SQLite. */
async function firstBookingOnSqlite(base: string, dataDir: string, output: string): Promise<void> {
  const simulator = new SimulatorClient(/simulator\s+(http:\/\/[\d.:]+)/.exec(output)![1]!);
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
  const vault = new IdCardVault({
    idEncryptionKey: Buffer.from(secrets.idEncryptionKey!, 'hex'),
    idHashKey: Buffer.from(secrets.idHashKey!, 'utf8'),
  });
  const sequelize = createSequelize({ dialect: 'sqlite', url: '', storage: path.join(dataDir, 'kaowei.sqlite') });
  const [[row]] = (await sequelize.query(
    'SELECT t.ticket_no, c.id_card_cipher FROM tickets t JOIN candidates c ON c.id = t.candidate_id ORDER BY t.id LIMIT 1',
  )) as [Array<{ ticket_no: string; id_card_cipher: string }>, unknown];
  // The demo pays 09:00–22:00 Beijing time; this test runs at any hour.
  await sequelize.query("UPDATE exam_periods SET pay_daily_start = '00:00', pay_daily_end = '24:00'");
  await sequelize.close();
  const api = new ApiClient(base);
  const idCardNo = vault.decrypt(row!.id_card_cipher);
  const ready = await completeFirstLogin(api, simulator, { ticketNo: row!.ticket_no, idCardNo });
  expect(ready.nextStep).toBeNull();
  api.token = ready.accessToken;

  const period = (await api.get<{ periodId: number }>('/api/catalog/current-period')).body;
  const { cities } = (
    await api.get<{ cities: Array<{ counties: Array<{ countyId: number }> }> }>('/api/catalog/cities')
  ).body;
  const { units } = (
    await api.get<{ units: Array<{ courses: Array<{ code: string }> }> }>(
      `/api/catalog/periods/${period.periodId}/courses`,
    )
  ).body;
  const body = {
    periodId: period.periodId,
    countyId: cities[0]!.counties[0]!.countyId,
    courseCodes: [units[0]!.courses[0]!.code],
  };
  expect((await api.post('/api/booking/notice-acknowledgements', { periodId: period.periodId })).status).toBe(200);
  const sent = await api.post('/api/booking/hold-code', body);
  expect(sent.status, sent.text).toBe(200);
  const held = await api.post('/api/booking/holds', { ...body, smsCode: await simulator.latestSmsCode(ready.phone) });
  expect(held.status, held.text).toBe(200);
  const order = await api.post<{ outTradeNo: string }>('/api/booking/confirm', { periodId: period.periodId });
  expect(order.status, order.text).toBe(200);
  const { outTradeNo } = order.body;
  const payment = await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo });
  expect(payment.status, payment.text).toBe(200);
  await simulator.scan(outTradeNo);
  await expect
    .poll(async () => (await api.get<{ state: string }>(`/api/payments/${outTradeNo}`)).body.state, { timeout: 10_000 })
    .toBe('paid');
}

/** What a newcomer gets from `npm start` on a fresh clone: no database configured at all. */
describe('npm start with no database configured', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates an embedded SQLite file, loads the demo province, books and pays there, and stops on SIGTERM', async () => {
    const server = startServerProcess({
      DATA_DIR: dataDir,
      PORT: '0',
      SIMULATOR_PORT: '0',
      NODE_ENV: 'development',
      // The booking code follows the phone-binding code at once.
      SMS_RESEND_SECONDS: '0',
    });
    const base = await waitForApiUrl(server);

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'sqlite' });
    expect(server.output()).toContain('Demo data loaded: exam period');
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(true);

    await firstBookingOnSqlite(base, dataDir, server.output());

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const sequelize = createSequelize({ dialect: 'sqlite', url: '', storage: path.join(dataDir, 'kaowei.sqlite') });
    try {
      const [[counts]] = (await sequelize.query(
        'SELECT (SELECT COUNT(*) FROM candidates) AS candidates, (SELECT COUNT(*) FROM seat_quotas) AS quotas',
      )) as [Array<{ candidates: number; quotas: number }>, unknown];
      expect(counts).toEqual({ candidates: 1000, quotas: 40 });
    } finally {
      await sequelize.close();
    }

    // A second start finds the data and does not seed again.
    const again = startServerProcess({ DATA_DIR: dataDir, PORT: '0', SIMULATOR_PORT: '0', NODE_ENV: 'development' });
    await waitForApiUrl(again);
    expect(again.output()).not.toContain('Demo data loaded');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

describe('start-up refuses bad configuration with one clear line', () => {
  it('names DATABASE_URL when the database cannot be reached', async () => {
    const server = startServerProcess({ DATABASE_URL: 'mysql://root@127.0.0.1:1/kaowei', PORT: '0' });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^kaowei: DATABASE_URL: cannot connect to mysql:\/\/root@127\.0\.0\.1:1\/kaowei/);
  });

  it('names DATABASE_URL when it is malformed', async () => {
    const server = startServerProcess({ DATABASE_URL: 'mysql:/oops', PORT: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^kaowei: invalid configuration: DATABASE_URL must look like/);
  });

  it('names every missing secret in production', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaowei-prod-'));
    const server = startServerProcess({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: '0',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/kaowei',
    });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe(
      'kaowei: missing secrets in production: JWT_SECRET, ID_ENCRYPTION_KEY, ID_HASH_KEY',
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('wants a real database in production', async () => {
    const server = startServerProcess({ NODE_ENV: 'production', PORT: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^kaowei: DATABASE_URL is required in production/);
  });
});
