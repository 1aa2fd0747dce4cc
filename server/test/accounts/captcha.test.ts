import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testApp';

describe('image captchas', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', CAPTCHA_IP_PER_MINUTE: '3' });
  });
  afterAll(() => server.close());

  const rows = async (...ids: string[]) => {
    const [found] = await server.db.sequelize.query('SELECT id FROM captchas WHERE id IN (?)', { replacements: [ids] });
    return found.length;
  };
  const issue = async (api: ApiClient) => (await api.get<{ captchaId: string }>('/api/captcha')).body.captchaId;

  it('keeps no row of a captcha once answered, nor of one left to expire', async () => {
    const api = new ApiClient(server.baseUrl);
    const answered = await issue(api);
    await server.services.captchas.check(answered, await server.simulator.captchaAnswer(answered));
    expect(await rows(answered)).toBe(0);

    const expired = await issue(api);
    const later = new Date(Date.now() + 10 * 60_000);
    const live = (await server.services.captchas.issue(api.ip, later)).captchaId;
    await server.services.captchas.sweepExpired(new Date(Date.now() + 6 * 60_000));
    expect(await rows(expired)).toBe(0);
    expect(await rows(live)).toBe(1);
  });

  it('gives an address a limited number of images a minute', async () => {
    const api = new ApiClient(server.baseUrl);
    for (let i = 0; i < 3; i++) expect((await api.get('/api/captcha')).status).toBe(200);
    const refused = await api.get('/api/captcha');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    expect((await new ApiClient(server.baseUrl).get('/api/captcha')).status).toBe(200);
  });
});
