import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatePayKeys, type SimulatedPayKeys } from '../src/simulator/payKeys';
import { SmsSendError } from '../src/modules/accounts/sms/smsSender';
import { TencentSmsSender } from '../src/modules/accounts/sms/tencentSmsSender';
import { WechatApiError, WechatClient } from '../src/modules/accounts/wechat/wechatClient';
import { startSimulator, type RunningSimulator } from '../src/simulator/startSimulator';
import { captureLogs } from './support/testApp';
import { SimulatorClient } from './support/simulatorClient';

const account = { secretId: 'AKIDtest', secretKey: 'right-key', sdkAppId: '1400000001' };
const app = { appId: 'wxtest', appSecret: 'app-secret' };

/** The simulator must hold the real SDKs to the real protocols, or tests against it prove nothing. */
describe('the WeChat/SMS simulator', () => {
  let running: RunningSimulator | undefined;
  let pay: SimulatedPayKeys;
  beforeAll(async () => {
    pay = await generatePayKeys(app.appId);
  });
  afterEach(() => running?.close());

  const sender = (host: string, secretKey = account.secretKey) =>
    new TencentSmsSender({
      ...account,
      secretKey,
      region: 'ap-guangzhou',
      signName: '考位',
      verificationTemplateId: '1000001',
      endpoint: host,
      protocol: 'http://',
    });

  it('delivers a message the Tencent SDK signed correctly', async () => {
    running = await startSimulator({ wechat: app, sms: account, pay }, 0);
    await sender(running.host).sendVerificationCode('13800001234', '246810', 5);
    expect(await new SimulatorClient(`http://${running.host}`).latestSmsCode('13800001234')).toBe('246810');
  });

  it('refuses a request signed with the wrong key, as Tencent Cloud does', async () => {
    running = await startSimulator({ wechat: app, sms: account, pay }, 0);
    const error = await sender(running.host, 'wrong-key')
      .sendVerificationCode('13800001234', '246810', 5)
      .catch((e) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error.providerCode).toBe('AuthFailure.SignatureFailure');
    expect(running.state.smsInbox).toHaveLength(0);
  });

  it('refuses a request whose timestamp is more than 5 minutes off', async () => {
    running = await startSimulator({ wechat: app, sms: account, pay, now: () => Date.now() + 6 * 60_000 }, 0);
    const error = await sender(running.host)
      .sendVerificationCode('13800001234', '246810', 5)
      .catch((e) => e);
    expect(error.providerCode).toBe('AuthFailure.SignatureExpire');
  });

  it('expires WeChat login codes after 5 minutes, and wants the right app secret', async () => {
    let clock = Date.now();
    running = await startSimulator({ wechat: app, sms: account, pay, now: () => clock }, 0);
    const sim = new SimulatorClient(`http://${running.host}`);
    const client = new WechatClient({ ...app, apiBase: `http://${running.host}` }, captureLogs().logger);
    const { code, openid } = await sim.loginCode();
    expect(await client.codeToSession(code)).toEqual({ openid, unionid: undefined });

    const late = await sim.loginCode();
    clock += 5 * 60_000 + 1;
    await expect(client.codeToSession(late.code)).rejects.toMatchObject({ errcode: 40029 });

    const wrongSecret = new WechatClient(
      { ...app, appSecret: 'nope', apiBase: `http://${running.host}` },
      captureLogs().logger,
    );
    const error = await wrongSecret.codeToSession((await sim.loginCode()).code).catch((e) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error.errcode).toBe(40125);
  });

  it('answers getuserphonenumber only with a current access token', async () => {
    running = await startSimulator({ wechat: app, sms: account, pay }, 0);
    const sim = new SimulatorClient(`http://${running.host}`);
    const client = new WechatClient({ ...app, apiBase: `http://${running.host}` }, captureLogs().logger);
    expect(await client.phoneNumber(await sim.phoneCode('13900005678'))).toEqual({
      purePhoneNumber: '13900005678',
      countryCode: '86',
    });
    const direct = await fetch(`http://${running.host}/wxa/business/getuserphonenumber?access_token=forged`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: await sim.phoneCode('13900005678') }),
    });
    expect(await direct.json()).toMatchObject({ errcode: 40001 });
  });

  it('never starts in production', async () => {
    const { createSimulator } = await import('../src/simulator/simulatorApp');
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => createSimulator({ wechat: app, sms: account, pay })).toThrow('never runs in production');
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
