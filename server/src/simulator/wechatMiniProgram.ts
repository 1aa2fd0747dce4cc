import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { CODE_LIFETIME_MS, type SimulatorState } from './state';

export interface SimulatedApp {
  appId: string;
  appSecret: string;
}

const ERR = {
  busy: { errcode: -1, errmsg: 'system error' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidAppSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  rateLimited: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
};

/** WeChat's mini-program server APIs as the real ones answer: field names, errcodes, single-use codes. */
export function wechatMiniProgramRoutes(state: SimulatorState, app: SimulatedApp, now: () => number): Router {
  const router = new Router();

  const failure = (api: string) => {
    const code = state.failNext.get(api);
    if (code === undefined) return null;
    state.failNext.delete(api);
    return Number(code) === -1 ? ERR.busy : { errcode: Number(code), errmsg: 'simulated failure' };
  };
  const takeCode = <T extends { expiresAt: number; used: boolean }>(codes: Map<string, T>, code: unknown): T | null => {
    const entry = typeof code === 'string' ? codes.get(code) : undefined;
    if (!entry || entry.used || entry.expiresAt <= now()) return null;
    entry.used = true;
    return entry;
  };

  router.get('/sns/jscode2session', (ctx: Context) => {
    const { appid, secret, js_code: jsCode, grant_type: grantType } = ctx.query;
    if (appid !== app.appId) return void (ctx.body = ERR.invalidAppId);
    if (secret !== app.appSecret || grantType !== 'authorization_code') return void (ctx.body = ERR.invalidAppSecret);
    const injected = failure('jscode2session');
    if (injected) return void (ctx.body = injected);
    const pending = typeof jsCode === 'string' ? state.loginCodes.get(jsCode) : undefined;
    if (pending) {
      const minute = Math.floor(now() / 60_000);
      const calls = state.sessionCalls.get(pending.openid);
      const count = calls && calls.minute === minute ? calls.count + 1 : 1;
      state.sessionCalls.set(pending.openid, { minute, count });
      if (count > 100) return void (ctx.body = ERR.rateLimited);
    }
    const entry = takeCode(state.loginCodes, jsCode);
    if (!entry) return void (ctx.body = ERR.invalidCode);
    ctx.body = { openid: entry.openid, session_key: randomBytes(16).toString('base64') };
  });

  router.post('/cgi-bin/stable_token', (ctx: Context) => {
    const body = ctx.request.body as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
    if (body.appid !== app.appId) return void (ctx.body = ERR.invalidAppId);
    if (body.secret !== app.appSecret || body.grant_type !== 'client_credential')
      return void (ctx.body = ERR.invalidAppSecret);
    const injected = failure('stable_token');
    if (injected) return void (ctx.body = injected);
    if (!state.accessToken || state.accessToken.expiresAt <= now() || body.force_refresh) {
      state.accessToken = { value: randomBytes(24).toString('hex'), expiresAt: now() + 7200_000 };
    }
    ctx.body = {
      access_token: state.accessToken.value,
      expires_in: Math.round((state.accessToken.expiresAt - now()) / 1000),
    };
  });

  router.post('/wxa/business/getuserphonenumber', (ctx: Context) => {
    const token = state.accessToken;
    if (!token || token.value !== ctx.query.access_token || token.expiresAt <= now()) {
      return void (ctx.body = ERR.invalidCredential);
    }
    const injected = failure('getuserphonenumber');
    if (injected) return void (ctx.body = injected);
    const entry = takeCode(state.phoneCodes, (ctx.request.body as { code?: string }).code);
    if (!entry) return void (ctx.body = ERR.invalidCode);
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.phone,
        purePhoneNumber: entry.phone,
        countryCode: 86,
        watermark: { timestamp: Math.floor(now() / 1000), appid: app.appId },
      },
    };
  });

  // --- test hooks: what a phone running WeChat would produce -------------------------------
  router.post('/sim/wechat/login-codes', (ctx: Context) => {
    const { openid = `o${randomBytes(13).toString('base64url')}` } = (ctx.request.body ?? {}) as { openid?: string };
    const code = randomBytes(16).toString('hex');
    state.loginCodes.set(code, { openid, expiresAt: now() + CODE_LIFETIME_MS, used: false });
    ctx.body = { code, openid };
  });
  router.post('/sim/wechat/phone-codes', (ctx: Context) => {
    const { phone } = (ctx.request.body ?? {}) as { phone?: string };
    if (!phone) return void ((ctx.status = 400), (ctx.body = { error: 'phone required' }));
    const code = randomBytes(16).toString('hex');
    state.phoneCodes.set(code, { phone, expiresAt: now() + CODE_LIFETIME_MS, used: false });
    ctx.body = { code };
  });

  return router;
}
