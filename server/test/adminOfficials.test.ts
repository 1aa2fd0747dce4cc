import { randomBytes, randomInt } from 'node:crypto';
import type { OfficialRole } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/models';
import { databaseConfigFromUrl } from '../src/config';
import { createSequelize } from '../src/db/database';
import { createMigrator } from '../src/db/migrator';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { ApiClient } from './support/apiClient';
import { createUnique, insertOfficial, OFFICIAL_PASSWORD } from './support/fixtures';
import { createScratchDatabase, dropScratchDatabase } from './support/mysqlAdmin';
import { startTestServer, type TestServer } from './support/testApp';

type Method = 'POST' | 'PUT';
type Expected = 200 | 'FORBIDDEN' | 'OFFICIAL_NOT_MANAGED' | 'OFFICIAL_SCOPE_TOO_WIDE';

/** A city with two counties, unique names and codes. */
async function insertCity(db: Db) {
  const tag = randomBytes(3).toString('hex');
  const city = await createUnique(() =>
    db.models.City.create({ code: `7${randomInt(10_000, 99_999)}`, name: `账号市${tag}` }),
  );
  const counties = [];
  for (const n of [1, 2]) {
    counties.push(
      await createUnique(() =>
        db.models.County.create({ cityId: city.id, code: `6${randomInt(10_000, 99_999)}`, name: `账号县${tag}${n}` }),
      ),
    );
  }
  return { cityId: city.id, countyIds: counties.map((c) => c.id) };
}

const newUsername = () => `n${randomBytes(4).toString('hex')}`;
const reason = { reason: '岗位调整，核对账号' };

async function login(server: TestServer, username: string, password: string) {
  return new ApiClient(server.baseUrl).post<{
    accessToken: string;
    official: { mustChangePassword: boolean; role: OfficialRole };
    code?: string;
  }>('/api/admin/login', { username, password });
}

async function clientFor(server: TestServer, username: string, password: string): Promise<ApiClient> {
  const answer = await login(server, username, password);
  expect(answer.status, answer.text).toBe(200);
  const api = new ApiClient(server.baseUrl);
  api.token = answer.body.accessToken;
  return api;
}

describe('officials’ accounts: who may create, edit, disable and reset whom', () => {
  let server: TestServer;
  let a: { cityId: number; countyIds: number[] };
  let b: { cityId: number; countyIds: number[] };
  let province: OfficialClient;
  let cityA: OfficialClient;
  let countyA: OfficialClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    a = await insertCity(server.db);
    b = await insertCity(server.db);
    province = await signedInOfficial(server, 'province');
    cityA = await signedInOfficial(server, 'city', { cityId: a.cityId });
    countyA = await signedInOfficial(server, 'county', { countyId: a.countyIds[0] });
  });
  afterAll(() => server.close());

  const actors = () => ({ province, cityA, countyA });
  const statusOf = (answer: { status: number; body: { code?: string } }) =>
    answer.status === 200 ? 200 : answer.body.code;

  it('lets each office open accounts only within its own scope', async () => {
    const scopes = {
      province: { role: 'province' },
      cityA: { role: 'city', cityId: a.cityId },
      cityB: { role: 'city', cityId: b.cityId },
      countyA: { role: 'county', countyId: a.countyIds[1] },
      countyB: { role: 'county', countyId: b.countyIds[0] },
    } as const;
    const table: Array<[actor: keyof ReturnType<typeof actors>, scope: keyof typeof scopes, expected: Expected]> = [
      ['province', 'province', 200],
      ['province', 'cityB', 200],
      ['province', 'countyB', 200],
      ['cityA', 'countyA', 200],
      ['cityA', 'countyB', 'OFFICIAL_SCOPE_TOO_WIDE'],
      ['cityA', 'cityA', 'OFFICIAL_SCOPE_TOO_WIDE'],
      ['cityA', 'cityB', 'OFFICIAL_SCOPE_TOO_WIDE'],
      ['cityA', 'province', 'OFFICIAL_SCOPE_TOO_WIDE'],
      ['countyA', 'countyA', 'FORBIDDEN'],
    ];
    const results = [];
    for (const [actor, scope] of table) {
      const username = newUsername();
      const answer = await actors()[actor].api.post<{ code?: string }>('/api/admin/officials', {
        username,
        name: '新账号',
        ...scopes[scope],
      });
      const stored = await server.db.models.Official.findOne({ where: { username } });
      results.push({ actor, scope, result: statusOf(answer), stored: stored !== null });
    }
    expect(results).toEqual(
      table.map(([actor, scope, expected]) => ({ actor, scope, result: expected, stored: expected === 200 })),
    );
  });

  it('opens an account with a password the superior gives, still to be changed at first login', async () => {
    const username = newUsername();
    const weak = await province.api.post<{ code: string; message: string }>('/api/admin/officials', {
      username,
      name: '市考办',
      role: 'city',
      cityId: b.cityId,
      password: 'abc12345',
    });
    expect([weak.status, weak.body.message]).toEqual([400, '提交的信息有误：初始密码不符合要求：至少10位']);
    const created = await province.api.post<{ temporaryPassword: string | null }>('/api/admin/officials', {
      username,
      name: '市考办',
      role: 'city',
      cityId: b.cityId,
      password: 'Given2027city',
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body.temporaryPassword).toBeNull();
    expect((await login(server, username, 'Given2027city')).body.official).toMatchObject({
      role: 'city',
      mustChangePassword: true,
    });
    const taken = await cityA.api.post<{ code: string; message: string }>('/api/admin/officials', {
      username,
      name: '重名',
      role: 'county',
      countyId: a.countyIds[0],
    });
    expect([taken.status, taken.body.code, taken.body.message]).toEqual([
      409,
      'OFFICIAL_USERNAME_TAKEN',
      `用户名“${username}”已被使用`,
    ]);
  });

  it('refuses every change to an account outside the actor’s scope, and changes nothing', async () => {
    const targets = {
      province: await insertOfficial(server.db, 'province'),
      cityA: await insertOfficial(server.db, 'city', { cityId: a.cityId }),
      countyB: await insertOfficial(server.db, 'county', { countyId: b.countyIds[0] }),
      countyA: await insertOfficial(server.db, 'county', { countyId: a.countyIds[1] }),
    };
    const calls = (id: number): Array<[Method, string, unknown]> => [
      ['PUT', `/api/admin/officials/${id}`, { name: '改名', role: 'county', countyId: a.countyIds[1], ...reason }],
      ['POST', `/api/admin/officials/${id}/disable`, reason],
      ['POST', `/api/admin/officials/${id}/enable`, reason],
      ['POST', `/api/admin/officials/${id}/reset-password`, reason],
      ['POST', `/api/admin/officials/${id}/reset-totp`, reason],
    ];
    const table: Array<[actor: keyof ReturnType<typeof actors>, target: keyof typeof targets, expected: Expected]> = [
      ['cityA', 'countyB', 'OFFICIAL_NOT_MANAGED'],
      ['cityA', 'cityA', 'OFFICIAL_NOT_MANAGED'],
      ['cityA', 'province', 'OFFICIAL_NOT_MANAGED'],
      ['countyA', 'countyA', 'FORBIDDEN'],
      ['countyA', 'countyB', 'FORBIDDEN'],
    ];
    const results = [];
    for (const [actor, target, expected] of table) {
      for (const [method, path, body] of calls(targets[target].id)) {
        const answer = await actors()[actor].api.request<{ code?: string }>(method, path, body);
        results.push({ actor, target, call: `${method} ${path}`, result: statusOf(answer), expected });
      }
    }
    expect(results.filter((r) => r.result !== r.expected)).toEqual([]);
    for (const target of Object.values(targets)) {
      const row = await server.db.models.Official.findByPk(target.id);
      expect(row).toMatchObject({ name: expect.stringMatching(/^考办/), disabledAt: null, tokenVersion: 0 });
    }
  });

  it('refuses a city office giving its own county official a scope wider than its own', async () => {
    const target = await insertOfficial(server.db, 'county', { countyId: a.countyIds[1] });
    const edit = (scope: object) =>
      cityA.api.put<{ code?: string }>(`/api/admin/officials/${target.id}`, { name: '改名', ...scope, ...reason });
    expect(statusOf(await edit({ role: 'county', countyId: b.countyIds[0] }))).toBe('OFFICIAL_SCOPE_TOO_WIDE');
    expect(statusOf(await edit({ role: 'city', cityId: a.cityId }))).toBe('OFFICIAL_SCOPE_TOO_WIDE');
    expect(statusOf(await edit({ role: 'province' }))).toBe('OFFICIAL_SCOPE_TOO_WIDE');
    expect(await server.db.models.Official.findByPk(target.id)).toMatchObject({
      role: 'county',
      countyId: a.countyIds[1],
    });

    const moved = await edit({ role: 'county', countyId: a.countyIds[0] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ name: '改名', role: 'county', countyId: a.countyIds[0], cityId: a.cityId });
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'official.edit', entityId: String(target.id) },
      rejectOnEmpty: true,
    });
    expect(audit).toMatchObject({
      actorId: cityA.id,
      reason: reason.reason,
      countyId: a.countyIds[0],
      before: expect.objectContaining({ countyId: a.countyIds[1] }),
      after: expect.objectContaining({ countyId: a.countyIds[0], name: '改名' }),
    });
  });

  it('lists for a city office only the county officials of its city, with no secrets; a county office sees none', async () => {
    const own = await insertOfficial(server.db, 'county', { countyId: a.countyIds[1] });
    const other = await insertOfficial(server.db, 'county', { countyId: b.countyIds[0] });
    const list = await cityA.api.get<{ items: Array<Record<string, unknown>>; total: number }>(
      '/api/admin/officials?pageSize=100',
    );
    expect(list.status).toBe(200);
    const ids = list.body.items.map((o) => o.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(ids).not.toContain(cityA.id);
    expect(list.body.items.every((o) => o.role === 'county')).toBe(true);
    expect(list.text).not.toMatch(/argon2|passwordHash|totpSecret/);
    expect((await province.api.get('/api/admin/officials?pageSize=100&q=' + other.username)).body).toMatchObject({
      total: 1,
      items: [{ id: other.id, countyId: b.countyIds[0], cityId: b.cityId }],
    });
    expect(statusOf(await countyA.api.get('/api/admin/officials'))).toBe('FORBIDDEN');
  });

  it('sends a new account to 修改密码 first: every other admin call is refused until the password is changed', async () => {
    const username = newUsername();
    const created = await cityA.api.post<{ official: { id: number }; temporaryPassword: string }>(
      '/api/admin/officials',
      { username, name: '新县考办', role: 'county', countyId: a.countyIds[1] },
    );
    expect(created.status, created.text).toBe(200);
    const { temporaryPassword } = created.body;
    expect(temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);

    const first = await login(server, username, temporaryPassword);
    expect(first.body.official.mustChangePassword).toBe(true);
    const api = new ApiClient(server.baseUrl);
    api.token = first.body.accessToken;
    expect((await api.get('/api/admin/me')).body).toMatchObject({ username, mustChangePassword: true });
    for (const path of [
      '/api/admin/candidates',
      '/api/admin/registrations',
      '/api/admin/periods',
      '/api/admin/audit',
    ]) {
      const refused = await api.get<{ code: string; message: string }>(path);
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 403,
        code: 'OFFICIAL_PASSWORD_CHANGE_REQUIRED',
      });
    }
    expect((await api.post('/api/admin/me/totp/setup')).body).toMatchObject({
      code: 'OFFICIAL_PASSWORD_CHANGE_REQUIRED',
    });

    const change = (oldPassword: string, newPassword: string) =>
      api.post<{ accessToken: string; official: { mustChangePassword: boolean }; code?: string; message?: string }>(
        '/api/admin/me/password',
        { oldPassword, newPassword },
      );
    expect((await change('wrong-password1', 'Abcdefgh2027')).body).toMatchObject({ code: 'OLD_PASSWORD_WRONG' });
    expect((await change(temporaryPassword, 'short1')).body).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      message: '密码不符合要求：至少10位',
    });
    expect((await change(temporaryPassword, `${username}2027x`)).body).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    const changed = await change(temporaryPassword, 'NewCounty2027');
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.official.mustChangePassword).toBe(false);
    // The session that changed it goes on with its new token; the old one is over.
    expect((await api.get('/api/admin/candidates')).status).toBe(401);
    api.token = changed.body.accessToken;
    expect((await api.get('/api/admin/candidates')).status).toBe(200);
    expect((await login(server, username, temporaryPassword)).status).toBe(401);
    expect((await login(server, username, 'NewCounty2027')).body.official.mustChangePassword).toBe(false);

    // A superior's reset makes a new temporary password, ends the sessions and forces a change again.
    const reset = await cityA.api.post<{ temporaryPassword: string }>(
      `/api/admin/officials/${created.body.official.id}/reset-password`,
      { reason: '本人遗忘密码，电话核实身份' },
    );
    expect(reset.status, reset.text).toBe(200);
    expect((await api.get('/api/admin/me')).status).toBe(401);
    expect((await login(server, username, 'NewCounty2027')).status).toBe(401);
    const again = await login(server, username, reset.body.temporaryPassword);
    expect(again.body.official.mustChangePassword).toBe(true);

    const audit = await server.db.models.AuditLog.findAll({
      where: { entityType: 'official', entityId: String(created.body.official.id) },
      order: [['id', 'ASC']],
    });
    expect(audit.map((e) => [e.action, e.actorId, e.reason, e.countyId])).toEqual([
      ['official.create', cityA.id, null, a.countyIds[1]],
      ['official.change_password', created.body.official.id, null, a.countyIds[1]],
      ['official.reset_password', cityA.id, '本人遗忘密码，电话核实身份', a.countyIds[1]],
    ]);
    expect(JSON.stringify(audit)).not.toContain(reset.body.temporaryPassword);
    const logs = server.logLines.join('\n');
    for (const secret of [temporaryPassword, reset.body.temporaryPassword, 'NewCounty2027']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('ends a disabled official’s sessions at once and refuses their login; enabling lets them back in', async () => {
    const target = await signedInOfficial(server, 'county', { countyId: a.countyIds[1] });
    expect((await target.api.get('/api/admin/candidates')).status).toBe(200);
    expect(statusOf(await cityA.api.post(`/api/admin/officials/${target.id}/disable`, { reason: '调离岗位' }))).toBe(
      200,
    );
    const refused = await target.api.get<{ code: string }>('/api/admin/candidates');
    expect([refused.status, refused.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
    expect((await login(server, target.username, OFFICIAL_PASSWORD)).status).toBe(401);
    expect(statusOf(await cityA.api.post(`/api/admin/officials/${target.id}/disable`, reason))).toBe(
      'OFFICIAL_ALREADY_DISABLED',
    );

    expect(statusOf(await cityA.api.post(`/api/admin/officials/${target.id}/enable`, { reason: '返岗' }))).toBe(200);
    expect((await target.api.get('/api/admin/candidates')).status).toBe(401);
    expect((await login(server, target.username, OFFICIAL_PASSWORD)).status).toBe(200);
    const actions = await server.db.models.AuditLog.findAll({
      where: { entityType: 'official', entityId: String(target.id) },
      order: [['id', 'ASC']],
    });
    expect(actions.map((e) => [e.action, e.reason])).toEqual([
      ['official.disable', '调离岗位'],
      ['official.enable', '返岗'],
    ]);
  });

  it('refuses an official disabling or managing their own account', async () => {
    expect(statusOf(await province.api.post(`/api/admin/officials/${province.id}/disable`, reason))).toBe(
      'OFFICIAL_SELF_DISABLE',
    );
    expect(statusOf(await province.api.post(`/api/admin/officials/${province.id}/reset-password`, reason))).toBe(
      'OFFICIAL_NOT_MANAGED',
    );
    expect((await province.api.get('/api/admin/me')).status).toBe(200);
  });

  it('resets a lost authenticator app: the secret is cleared and the sessions end', async () => {
    const target = await signedInOfficial(server, 'county', { countyId: a.countyIds[1] });
    await server.db.models.Official.update({ totpSecret: 'sealed-secret' }, { where: { id: target.id } });
    const reset = await cityA.api.post(`/api/admin/officials/${target.id}/reset-totp`, { reason: '手机遗失' });
    expect(reset.body).toMatchObject({ id: target.id, totpEnabled: false });
    expect((await server.db.models.Official.findByPk(target.id))!.totpSecret).toBeNull();
    expect((await target.api.get('/api/admin/me')).status).toBe(401);
    expect((await login(server, target.username, OFFICIAL_PASSWORD)).status).toBe(200);
    expect(statusOf(await cityA.api.post(`/api/admin/officials/${target.id}/reset-totp`, reason))).toBe(
      'TOTP_NOT_ENABLED',
    );
  });

  it('signs out everywhere: every session of the account ends, and signing in again works', async () => {
    const { username, id } = await insertOfficial(server.db, 'county', { countyId: a.countyIds[0] });
    const desk = await clientFor(server, username, OFFICIAL_PASSWORD);
    const laptop = await clientFor(server, username, OFFICIAL_PASSWORD);
    expect((await laptop.post('/api/admin/me/sign-out-everywhere')).body).toEqual({ ok: true });
    expect((await desk.get('/api/admin/me')).status).toBe(401);
    expect((await laptop.get('/api/admin/me')).status).toBe(401);
    await clientFor(server, username, OFFICIAL_PASSWORD);
    expect(
      await server.db.models.AuditLog.count({
        where: { action: 'official.sign_out_everywhere', entityId: String(id) },
      }),
    ).toBe(1);
  });
});

describe('officials’ accounts: the last active province account', () => {
  let databaseUrl: string;
  let server: TestServer;

  beforeAll(async () => {
    // Its own database: here the province accounts are only the test's.
    databaseUrl = await createScratchDatabase('officials');
    const sequelize = createSequelize(databaseConfigFromUrl(databaseUrl, '.'));
    try {
      await createMigrator(sequelize).up();
    } finally {
      await sequelize.close();
    }
    server = await startTestServer({ TRUST_PROXY: 'true', DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await server?.close();
    await dropScratchDatabase(databaseUrl);
  });

  it('cannot be left without: two province officials disabling or demoting each other at once, one wins', async () => {
    for (let round = 0; round < 5; round++) {
      await server.db.models.Official.destroy({ where: {} });
      const first = await signedInOfficial(server, 'province');
      const second = await signedInOfficial(server, 'province');
      const demote = { name: '降级', role: 'city', cityId: (await insertCity(server.db)).cityId, ...reason };
      const answers = await Promise.all([
        first.api.post<{ code?: string }>(`/api/admin/officials/${second.id}/disable`, reason),
        round % 2 === 0
          ? second.api.post<{ code?: string }>(`/api/admin/officials/${first.id}/disable`, reason)
          : second.api.put<{ code?: string }>(`/api/admin/officials/${first.id}`, demote),
      ]);
      const done = answers.filter((r) => r.status === 200);
      const refused = answers.filter((r) => r.status !== 200).map((r) => r.body.code);
      expect(done).toHaveLength(1);
      // The other waited for the lock: it found itself the last one left, or its own session already over.
      expect(['OFFICIAL_LAST_PROVINCE', 'TOKEN_EXPIRED']).toContain(refused[0]);
      const active = await server.db.models.Official.count({ where: { role: 'province', disabledAt: null } });
      expect({ round, active }).toEqual({ round, active: 1 });
    }
  });
});
