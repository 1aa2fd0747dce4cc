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
  accessTokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  invalidOpenid: { errcode: 40003, errmsg: 'invalid openid' },
  invalidTemplate: { errcode: 40037, errmsg: 'invalid template_id' },
  invalidData: { errcode: 47003, errmsg: 'argument invalid! data.{key}.value invalid' },
  refused: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  rateLimited: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
};

const OPENID = /^o[\w-]{20,40}$/;

/** subscribeMessage.send's data rules by key kind (maximum lengths); the first key that breaks one, or null. */
const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  phrase: 5,
  name: 10,
  amount: 20,
  time: 30,
  date: 30,
  number: 32,
  phone_number: 17,
};
function invalidDataKey(data: unknown): string | null {
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return 'data';
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const value = (entry as { value?: unknown } | null)?.value;
    const limit = kind ? VALUE_LIMITS[kind] : undefined;
    if (!limit || typeof value !== 'string' || value.length === 0 || [...value].length > limit) return key;
  }
  return null;
}

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
    state.tokenRequests += 1;
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

  router.post('/cgi-bin/message/subscribe/send', (ctx: Context) => {
    const token = state.accessToken;
    if (!token || token.value !== ctx.query.access_token) return void (ctx.body = ERR.invalidCredential);
    if (token.expiresAt <= now()) return void (ctx.body = ERR.accessTokenExpired);
    const injected = failure('subscribeMessage.send');
    if (injected) return void (ctx.body = injected);
    const body = (ctx.request.body ?? {}) as {
      touser?: unknown;
      template_id?: unknown;
      page?: unknown;
      data?: unknown;
    };
    if (typeof body.touser !== 'string' || !OPENID.test(body.touser)) return void (ctx.body = ERR.invalidOpenid);
    if (typeof body.template_id !== 'string' || !body.template_id) return void (ctx.body = ERR.invalidTemplate);
    const badKey = invalidDataKey(body.data);
    if (badKey !== null) {
      return void (ctx.body = { ...ERR.invalidData, errmsg: ERR.invalidData.errmsg.replace('{key}', badKey) });
    }
    // A one-time subscription is used by a successful send; without one the user refused (43101).
    const key = `${body.touser} ${body.template_id}`;
    const remaining = state.subscriptions.get(key) ?? 0;
    if (remaining <= 0) return void (ctx.body = ERR.refused);
    state.subscriptions.set(key, remaining - 1);
    state.subscribeMessages.push({
      touser: body.touser,
      templateId: body.template_id,
      page: typeof body.page === 'string' ? body.page : null,
      data: body.data as Record<string, { value: string }>,
      sentAt: new Date(now()).toISOString(),
    });
    ctx.body = { errcode: 0, errmsg: 'ok', msgid: randomBytes(8).readBigUInt64BE().toString() };
  });

  // --- test hooks: what a phone running WeChat would produce -------------------------------
  /** The user accepted these templates in wx.requestSubscribeMessage: one more one-time subscription each. */
  router.post('/sim/wechat/subscriptions', (ctx: Context) => {
    const { openid, templateIds } = (ctx.request.body ?? {}) as { openid?: string; templateIds?: string[] };
    if (!openid || !Array.isArray(templateIds))
      return void ((ctx.status = 400), (ctx.body = { error: 'openid, templateIds' }));
    for (const id of templateIds)
      state.subscriptions.set(`${openid} ${id}`, (state.subscriptions.get(`${openid} ${id}`) ?? 0) + 1);
    ctx.body = { ok: true };
  });
  /** Subscribe messages delivered (to one openid if given), oldest first, and how often a token was asked for. */
  router.get('/sim/wechat/subscribe-messages', (ctx: Context) => {
    const openid = ctx.query.openid;
    ctx.body = {
      messages: state.subscribeMessages.filter((m) => !openid || m.touser === openid),
      tokenRequests: state.tokenRequests,
    };
  });
  /** The access token is replaced as another server's force_refresh would: the old one now answers 40001. */
  router.post('/sim/wechat/rotate-token', (ctx: Context) => {
    if (state.accessToken) state.accessToken = { ...state.accessToken, value: randomBytes(24).toString('hex') };
    ctx.body = { ok: true };
  });
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
