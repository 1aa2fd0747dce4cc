import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvedCaptcha } from './support/accountFlows';
import { signedInOfficial, wrongCode } from './support/adminSession';
import { ApiClient } from './support/apiClient';
import { OFFICIAL_PASSWORD } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

describe('officials: authenticator-app codes (TOTP)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('is set up from a QR code, then asked for at every login, and can be turned off with a code', async () => {
    const { api, username, id } = await signedInOfficial(server, 'county');
    expect((await api.get('/api/admin/me')).body).toMatchObject({
      id,
      username,
      role: 'county',
      roleLabel: '县（市、区）考办',
      totpEnabled: false,
    });

    const setup = await api.post<{ secret: string; otpauthUrl: string; qrDataUrl: string }>('/api/admin/me/totp/setup');
    expect(setup.body.otpauthUrl).toMatch(new RegExp(`^otpauth://totp/.+:${username}\\?secret=${setup.body.secret}`));
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Nothing is stored until the official proves the app works.
    expect((await api.get('/api/admin/me')).body).toMatchObject({ totpEnabled: false });
    const { secret } = setup.body;
    const mismatch = await api.post('/api/admin/me/totp/enable', { secret, code: wrongCode(secret) });
    expect(mismatch.body).toMatchObject({ code: 'TOTP_CODE_MISMATCH' });
    const enabled = await api.post('/api/admin/me/totp/enable', { secret, code: authenticator.generate(secret) });
    expect(enabled.body).toEqual({ totpEnabled: true });
    expect((await api.get('/api/admin/me')).body).toMatchObject({ totpEnabled: true });
    const stored = await server.db.models.Official.findByPk(id);
    expect(stored!.totpSecret).not.toContain(secret);

    const login = (body: Record<string, unknown> = {}) =>
      new ApiClient(server.baseUrl).post<{ accessToken?: string }>('/api/admin/login', {
        username,
        password: OFFICIAL_PASSWORD,
        ...body,
      });
    const missing = await login();
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: 'TOTP_REQUIRED', message: '请输入动态验证码' });
    const wrong = await login({ totpCode: wrongCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'TOTP_INVALID', message: '动态验证码错误' });
    const right = await login({ totpCode: authenticator.generate(secret) });
    expect(right.status).toBe(200);
    expect(right.body.accessToken).toEqual(expect.any(String));

    expect((await api.post('/api/admin/me/totp/disable', { code: wrongCode(secret) })).body).toMatchObject({
      code: 'TOTP_CODE_MISMATCH',
    });
    expect((await api.post('/api/admin/me/totp/disable', { code: authenticator.generate(secret) })).body).toEqual({
      totpEnabled: false,
    });
    expect((await login()).status).toBe(200);

    const audit = await server.db.models.AuditLog.findAll({
      where: { entityType: 'official', entityId: String(id) },
      order: [['id', 'ASC']],
    });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['official.totp_enable', { totpEnabled: false }, { totpEnabled: true }],
      ['official.totp_disable', { totpEnabled: true }, { totpEnabled: false }],
    ]);
  });

  it('counts a wrong code as a failed login: a captcha is wanted after three', async () => {
    const { api, username } = await signedInOfficial(server, 'province');
    const { secret } = (await api.post<{ secret: string }>('/api/admin/me/totp/setup')).body;
    await api.post('/api/admin/me/totp/enable', { secret, code: authenticator.generate(secret) });

    const client = new ApiClient(server.baseUrl);
    const login = (body: Record<string, unknown>) =>
      client.post('/api/admin/login', { username, password: OFFICIAL_PASSWORD, ...body });
    for (let i = 0; i < 3; i++) expect((await login({ totpCode: wrongCode(secret) })).body.code).toBe('TOTP_INVALID');
    expect((await login({ totpCode: authenticator.generate(secret) })).body).toMatchObject({
      code: 'CAPTCHA_REQUIRED',
    });
    const captcha = await solvedCaptcha(client, server.simulator);
    expect((await login({ totpCode: authenticator.generate(secret), ...captcha })).status).toBe(200);
  });

  it('refuses to enable twice and to disable when not enabled', async () => {
    const { api } = await signedInOfficial(server, 'city');
    const code = '123456';
    expect((await api.post('/api/admin/me/totp/disable', { code })).body).toMatchObject({ code: 'TOTP_NOT_ENABLED' });
    const { secret } = (await api.post<{ secret: string }>('/api/admin/me/totp/setup')).body;
    await api.post('/api/admin/me/totp/enable', { secret, code: authenticator.generate(secret) });
    const again = await api.post('/api/admin/me/totp/enable', { secret, code: authenticator.generate(secret) });
    expect(again.body).toMatchObject({ code: 'TOTP_ALREADY_ENABLED' });
  });
});
