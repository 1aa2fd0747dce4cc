import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/apiClient';
import { completeFirstLogin } from '../support/accountFlows';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

describe('WeChat one-tap login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('links the openid at one password login, then logs in with one tap, until unlinked', async () => {
    const api = new ApiClient(server.baseUrl);
    const candidate = await insertCandidateWithTicket(server.db, 'wechat');
    const ready = await completeFirstLogin(api, server.simulator, candidate);
    const openid = `o${candidate.candidateId}wechat`;

    const first = await api.post<{ linked: boolean; wechatToken: string }>('/api/accounts/wechat-login', {
      code: (await server.simulator.loginCode(openid)).code,
    });
    expect(first.body.linked).toBe(false);
    expect(first.text).not.toContain(openid);
    expect(first.text).not.toContain('session_key');

    const linked = await api.post('/api/accounts/login', {
      account: candidate.ticketNo,
      password: ready.password,
      wechatToken: first.body.wechatToken,
    });
    expect(linked.body).toMatchObject({ candidate: { wechatLinked: true } });

    const oneTap = await api.post<{ linked: boolean; accessToken: string }>('/api/accounts/wechat-login', {
      code: (await server.simulator.loginCode(openid)).code,
    });
    expect(oneTap.body).toMatchObject({
      linked: true,
      nextStep: null,
      candidate: { ticket: { ticketNo: candidate.ticketNo } },
    });

    expect((await api.post('/api/accounts/wechat/unlink', {}, oneTap.body.accessToken)).body).toEqual({
      wechatLinked: false,
    });
    const afterUnlink = await api.post('/api/accounts/wechat-login', {
      code: (await server.simulator.loginCode(openid)).code,
    });
    expect(afterUnlink.body).toMatchObject({ linked: false });
  });

  it('refuses a code used twice, and says so when WeChat is busy', async () => {
    const api = new ApiClient(server.baseUrl);
    const { code } = await server.simulator.loginCode();
    expect((await api.post('/api/accounts/wechat-login', { code })).status).toBe(200);
    const reused = await api.post('/api/accounts/wechat-login', { code });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ code: 'WECHAT_CODE_INVALID' });
    await server.simulator.failNext('jscode2session', -1);
    const busy = await api.post('/api/accounts/wechat-login', { code: (await server.simulator.loginCode()).code });
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ code: 'WECHAT_BUSY', message: '微信服务繁忙，请稍后再试' });
  });

  it('refuses to link a WeChat that already belongs to another candidate', async () => {
    const api = new ApiClient(server.baseUrl);
    const openid = `oshared${Date.now()}`;
    const a = await insertCandidateWithTicket(server.db, 'wx-a');
    const b = await insertCandidateWithTicket(server.db, 'wx-b');
    const tokenFor = async () =>
      (
        await api.post<{ wechatToken: string }>('/api/accounts/wechat-login', {
          code: (await server.simulator.loginCode(openid)).code,
        })
      ).body.wechatToken;
    const wechatToken = await tokenFor();
    await api.post('/api/accounts/login', { account: a.ticketNo, password: a.idCardNo.slice(-6), wechatToken });
    const second = await api.post('/api/accounts/login', {
      account: b.ticketNo,
      password: b.idCardNo.slice(-6),
      wechatToken,
    });
    expect(second.body).toMatchObject({ code: 'WECHAT_ALREADY_LINKED' });
  });
});
