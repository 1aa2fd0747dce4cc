import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { loadConfig } from '@kaowei/server/src/config';
import { createSequelize } from '@kaowei/server/src/db/database';
import { createMigrator } from '@kaowei/server/src/db/migrator';
import { createDb, type Db } from '@kaowei/server/src/db/models';
import { resolveIntegrations } from '@kaowei/server/src/integrations';
import { createLogger } from '@kaowei/server/src/logger';
import { checkSeats } from '@kaowei/server/src/modules/booking/checkSeats';
import { checkMoney } from '@kaowei/server/src/modules/payment/checkMoney';
import { resolveSecrets } from '@kaowei/server/src/secrets';
import { buildServices, type Services } from '@kaowei/server/src/services';
import { holdBody, prepareRush, type RushCandidate } from '@kaowei/server/bench/rushData';
import { insertOfficial, OFFICIAL_PASSWORD } from '@kaowei/server/test/support/fixtures';
import { createScratchDatabase, dropScratchDatabase } from '@kaowei/server/test/support/mysqlAdmin';
import { freePort, startNginx, type Nginx } from '@kaowei/server/test/support/nginx';
import { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, waitForApiUrl, type ServerProcess } from './support/serverProcess';
import { startSimulatorProcess, type SimulatorProcess } from './support/simulatorProcess';

interface Answer<T> {
  status: number;
  body: T;
  /** The instance nginx sent the request to ("127.0.0.1:port"). */
  upstream: string;
}

/**
 * Two server processes on one MariaDB database behind Debian's nginx (round robin, X-Forwarded-For appended,
 * TRUSTED_PROXY_HOPS=1), with one standalone simulator: everything a province's morning does goes through the
 * proxy, and nothing one instance keeps in memory is needed by the other.
 */
describe('two instances behind nginx', () => {
  let databaseUrl: string;
  let db: Db;
  let services: Services;
  let simulator: SimulatorProcess;
  let nginx: Nginx;
  let instances: ServerProcess[] = [];
  const dirs: string[] = [];

  const call = async <T = Record<string, unknown>>(
    method: string,
    url: string,
    options: { token?: string; body?: unknown; ip?: string } = {},
  ): Promise<Answer<T>> => {
    const response = await fetch(`${nginx.baseUrl}${url}`, {
      method,
      headers: {
        'X-Forwarded-For': options.ip ?? '10.9.0.1',
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      upstream: response.headers.get('x-upstream') ?? '',
    };
  };

  beforeAll(async () => {
    databaseUrl = await createScratchDatabase('multi');
    const tempDir = (label: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kaowei-multi-${label}-`));
      dirs.push(dir);
      return dir;
    };
    simulator = await startSimulatorProcess(tempDir('sim'));
    const ports = [await freePort(), await freePort()];
    nginx = await startNginx({ upstreamPorts: ports, accessLog: true });
    const env = {
      ...simulator.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      // Both instances share the data directory, as they would share a volume.
      DATA_DIR: tempDir('data'),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'never',
      TRUST_PROXY: 'true',
      TRUSTED_PROXY_HOPS: '1',
      // WeChat Pay notifies the province's address: nginx, which hands each notification to either instance.
      PUBLIC_BASE_URL: nginx.baseUrl,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ID_HASH_KEY: randomBytes(32).toString('hex'),
      SMS_RESEND_SECONDS: '0',
      SMS_PHONE_HOURLY: '3',
      LOGIN_LOCK_AFTER: '4',
      // The lock, not the captcha, is what this test counts across instances.
      LOGIN_CAPTCHA_AFTER: '100',
    };
    const config = loadConfig(env);
    const sequelize = createSequelize({ ...config.database, pool: { ...config.database.pool!, min: 0 } });
    db = createDb(sequelize, config.database);
    // Migrated once before either instance starts, as a deployment's migrate step does.
    await createMigrator(sequelize).up();
    services = buildServices({
      config,
      db,
      logger: createLogger({ level: 'warn' }),
      secrets: resolveSecrets(config),
      integrations: resolveIntegrations(config, null),
    });
    instances = ports.map((port) => startServerProcess({ ...env, PORT: String(port), HOST: '127.0.0.1' }));
    await Promise.all(instances.map((instance) => waitForApiUrl(instance)));
  });

  afterAll(async () => {
    await Promise.all(
      instances.map(async (instance) => {
        instance.child.kill('SIGTERM');
        // Each instance drains and closes its database on its own.
        expect(await instance.exited, instance.output()).toBe(0);
      }),
    );
    await nginx?.stop();
    await simulator?.stop();
    await db?.sequelize.close();
    if (databaseUrl) await dropScratchDatabase(databaseUrl);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds, pays, refunds and releases exactly, with every request split between the instances', async () => {
    const rush = await prepareRush(db, services, 120, 'H');
    await db.sequelize.query(
      "UPDATE exam_periods SET pay_daily_start = '00:00', pay_daily_end = '24:00' WHERE id = ?",
      { replacements: [rush.periodId] },
    );
    const capacityOf = new Map(
      (await db.models.SeatQuota.findAll({ where: { periodId: rush.periodId } })).map((quota) => [
        `${quota.countyId}:${quota.unitId}`,
        quota.capacity,
      ]),
    );

    // The opening minute: every candidate at once, several courses each, the morning units short of seats.
    const held = new Map<RushCandidate, number>();
    const demand = new Map<string, number>();
    const answers = await Promise.all(
      rush.candidates.map(async (candidate) => {
        for (const code of candidate.courseCodes) {
          const key = `${candidate.countyId}:${rush.offerings.get(code)!.unitId}`;
          demand.set(key, (demand.get(key) ?? 0) + 1);
        }
        const answer = await call<{ items: Array<{ result: string }> }>('POST', '/api/booking/holds', {
          token: candidate.token,
          body: holdBody(candidate),
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        held.set(candidate, answer.body.items.filter((item) => item.result === 'held').length);
        return answer;
      }),
    );
    expect(new Set(answers.map((answer) => answer.upstream)).size).toBe(2);
    const heldRows = await db.sequelize.query<{ county_id: number; unit_id: number; n: number }>(
      `SELECT county_id, unit_id, COUNT(*) AS n FROM booking_items WHERE period_id = ? AND state = 'held'
        GROUP BY county_id, unit_id`,
      { replacements: [rush.periodId], type: QueryTypes.SELECT },
    );
    const heldByQuota = new Map(heldRows.map((row) => [`${row.county_id}:${row.unit_id}`, Number(row.n)]));
    expect([...demand].some(([key, wanted]) => wanted > capacityOf.get(key)!)).toBe(true);
    for (const [key, wanted] of demand) {
      expect(heldByQuota.get(key) ?? 0, key).toBe(Math.min(wanted, capacityOf.get(key)!));
    }
    const itemsHeld = [...held.values()].reduce((sum, n) => sum + n, 0);
    expect([...heldByQuota.values()].reduce((sum, n) => sum + n, 0)).toBe(itemsHeld);

    // Ten candidates pay by scanning; WeChat Pay's notifications come in through nginx, to either instance.
    const holders = rush.candidates.filter((candidate) => held.get(candidate)! > 0);
    const payers = holders.slice(0, 10);
    const orders = new Map<RushCandidate, string>();
    for (const candidate of holders.slice(0, 12)) {
      const order = await call<{ outTradeNo: string }>('POST', '/api/booking/confirm', {
        token: candidate.token,
        body: { periodId: rush.periodId },
      });
      expect(order.status, JSON.stringify(order.body)).toBe(200);
      const row = await db.models.Candidate.findByPk(candidate.candidateId, { rejectOnEmpty: true });
      const payment = await call('POST', '/api/payments', {
        token: candidate.token,
        body: {
          outTradeNo: order.body.outTradeNo,
          channel: 'native',
          idCardNo: services.vault.decrypt(row.idCardCipher),
        },
      });
      expect(payment.status, JSON.stringify(payment.body)).toBe(200);
      orders.set(candidate, order.body.outTradeNo);
    }
    const phone = new SimulatorClient(simulator.url);
    await Promise.all(payers.map((candidate) => phone.scan(orders.get(candidate)!)));
    const stateOf = async (candidate: RushCandidate) =>
      (await call<{ state: string }>('GET', `/api/payments/${orders.get(candidate)}`, { token: candidate.token })).body
        .state;
    for (const candidate of payers) await expect.poll(() => stateOf(candidate), { timeout: 20_000 }).toBe('paid');
    const notifications = nginx.logged().filter((entry) => entry.request.startsWith('POST /api/payments/notify'));
    expect(notifications.length).toBeGreaterThanOrEqual(payers.length);
    expect(new Set(notifications.map((entry) => entry.upstream)).size).toBe(2);
    expect((await phone.deliveries()).filter((delivery) => delivery.status >= 300)).toEqual([]);

    // Three of them take their money back.
    const refunders = payers.slice(0, 3);
    for (const candidate of refunders) {
      const refund = await call('POST', '/api/payments/refunds', {
        token: candidate.token,
        body: { outTradeNo: orders.get(candidate), reason: '个人原因不能参加考试' },
      });
      expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    }
    for (const candidate of refunders) {
      await expect.poll(() => stateOf(candidate), { timeout: 20_000 }).toBe('refunded');
    }

    // The end of the day: two officials release at once, one on each instance; every unpaid seat goes back once.
    const official = await insertOfficial(db, 'province');
    const login = await call<{ accessToken: string }>('POST', '/api/admin/login', {
      body: { username: official.username, password: OFFICIAL_PASSWORD },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const paidItems = async () =>
      Number(
        (
          await db.sequelize.query<{ n: number }>(
            `SELECT COUNT(*) AS n FROM booking_items WHERE period_id = ? AND state = 'paid'`,
            { replacements: [rush.periodId], type: QueryTypes.SELECT },
          )
        )[0]!.n,
      );
    const paidBefore = await paidItems();
    const unpaid = itemsHeld - paidBefore - refunders.reduce((sum, candidate) => sum + held.get(candidate)!, 0);
    // Two of the confirmed orders went to WeChat Pay unpaid: the release closes them there first.
    expect(unpaid).toBeGreaterThan(0);
    const releases = await Promise.all(
      [0, 1].map(() =>
        call<{ released: number }>('POST', `/api/admin/periods/${rush.periodId}/release`, {
          token: login.body.accessToken,
        }),
      ),
    );
    expect(new Set(releases.map((release) => release.upstream)).size).toBe(2);
    expect(releases.map((release) => release.status)).toEqual([200, 200]);
    expect(releases[0]!.body.released + releases[1]!.body.released).toBe(unpaid);
    expect(await paidItems()).toBe(paidBefore);
    const taken = await db.sequelize.query<{ taken: number }>(
      'SELECT COALESCE(SUM(taken), 0) AS taken FROM seat_quotas WHERE period_id = ?',
      { replacements: [rush.periodId], type: QueryTypes.SELECT },
    );
    expect(Number(taken[0]!.taken)).toBe(paidBefore);
    expect(await checkSeats(db)).toEqual([]);
    expect(await checkMoney(db)).toEqual([]);
  });

  it('locks an account after wrong passwords spread over both instances', async () => {
    const official = await insertOfficial(db, 'province');
    const attempt = (password: string) =>
      call<{ code?: string }>('POST', '/api/admin/login', { body: { username: official.username, password } });
    const wrong = [];
    for (let i = 0; i < 4; i += 1) wrong.push(await attempt('not-the-password'));
    expect(new Set(wrong.map((answer) => answer.upstream)).size).toBe(2);
    expect(wrong.slice(0, 3).map((answer) => answer.body.code)).toEqual([
      'LOGIN_FAILED',
      'LOGIN_FAILED',
      'LOGIN_FAILED',
    ]);
    expect(wrong[3]!.body.code).toBe('ACCOUNT_LOCKED');
    const right = await Promise.all([attempt(OFFICIAL_PASSWORD), attempt(OFFICIAL_PASSWORD)]);
    expect(new Set(right.map((answer) => answer.upstream)).size).toBe(2);
    expect(right.map((answer) => answer.body.code)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('caps the SMS codes a phone gets however the requests are spread', async () => {
    const [candidate] = (await prepareRush(db, services, 1, 'F', { ampleSeats: true, smsCodes: false })).candidates;
    const ask = () =>
      call<{ code?: string }>('POST', '/api/booking/hold-code', {
        token: candidate!.token,
        body: { periodId: candidate!.periodId, countyId: candidate!.countyId, courseCodes: candidate!.courseCodes },
      });
    const sent = [];
    for (let i = 0; i < 3; i += 1) sent.push(await ask());
    expect(sent.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(sent.map((answer) => answer.upstream)).size).toBe(2);
    const refused = await Promise.all([ask(), ask()]);
    expect(refused.map((answer) => answer.body.code)).toEqual(['SMS_LIMIT_REACHED', 'SMS_LIMIT_REACHED']);
    const texts = await new SimulatorClient(simulator.url).inbox(candidate!.phone);
    expect(texts).toHaveLength(3);
  });
});
