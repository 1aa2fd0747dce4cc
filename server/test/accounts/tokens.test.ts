import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { login } from '../support/accountFlows';
import { insertCandidateWithTicket, insertOfficial, OFFICIAL_PASSWORD } from '../support/fixtures';
import { startTestServer, testSecrets, type TestServer } from '../support/testApp';

describe('sessions: candidate and official tokens never cross', () => {
  let server: TestServer;
  let api: ApiClient;
  let candidateTokens: { accessToken: string; refreshToken: string };
  let officialToken: string;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'tokens');
    candidateTokens = await login(api, candidate.ticketNo, candidate.idCardNo.slice(-6));
    const official = await insertOfficial(server.db, 'province');
    officialToken = (
      await api.post<{ accessToken: string }>('/api/admin/login', {
        username: official.username,
        password: OFFICIAL_PASSWORD,
      })
    ).body.accessToken;
  });
  afterAll(() => server.close());

  it('refuses a candidate token on an officials API', async () => {
    const response = await api.get('/api/admin/registrations', candidateTokens.accessToken);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("refuses an official's token on a candidate API", async () => {
    const response = await api.get('/api/accounts/me', officialToken);
    expect(response.status).toBe(401);
  });

  it('refuses a refresh token used as an access token, and a missing token', async () => {
    expect((await api.get('/api/accounts/me', candidateTokens.refreshToken)).status).toBe(401);
    expect((await api.get('/api/accounts/me', '')).body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: '请先登录',
    });
  });

  it('refuses unsigned and foreign-signed tokens', async () => {
    const claims = jwt.decode(candidateTokens.accessToken) as Record<string, unknown>;
    const unsigned = jwt.sign(claims, '', { algorithm: 'none' });
    expect((await api.get('/api/accounts/me', unsigned)).status).toBe(401);
    const foreign = jwt.sign(claims, testSecrets().jwtSecret, { algorithm: 'HS256' });
    expect((await api.get('/api/accounts/me', foreign)).status).toBe(401);
  });

  it('reports an expired token as expired', async () => {
    const claims = jwt.decode(candidateTokens.accessToken) as Record<string, unknown>;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, 'whatever');
    expect((await api.get('/api/accounts/me', expired)).body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
