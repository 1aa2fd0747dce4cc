import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Context } from 'koa';
import { createSimulatorState, type SimulatorState } from './state';
import type { SimulatedPayKeys } from './payKeys';
import { tencentSmsRoutes, type SimulatedSmsAccount } from './tencentSms';
import { createPayState, wechatPayRoutes, type PayState } from './wechatPay';
import { wechatMiniProgramRoutes, type SimulatedApp } from './wechatMiniProgram';

export interface SimulatorOptions {
  wechat: SimulatedApp;
  sms: SimulatedSmsAccount;
  pay: SimulatedPayKeys;
  now?: () => number;
}

export interface Simulator {
  app: Koa;
  state: SimulatorState;
  pay: PayState;
}

/**
 * The outside world in development and tests: WeChat's mini-program APIs, WeChat Pay v3 and Tencent Cloud SMS,
 * speaking their real protocols, plus an inbox showing what a phone would receive. Refuses to exist
 * in production.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  if (process.env.NODE_ENV === 'production') throw new Error('the WeChat/SMS simulator never runs in production');
  const now = options.now ?? Date.now;
  const state = createSimulatorState();
  const pay = createPayState();
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['json'] }));

  const hooks = new Router();
  hooks.get('/sim/captchas/:id', (ctx: Context) => {
    const answer = state.captchaAnswers.get(ctx.params.id!);
    if (!answer) return void ((ctx.status = 404), (ctx.body = { error: 'unknown captcha' }));
    ctx.body = { answer };
  });
  /** A standalone simulator: the server that issued a captcha tells its answer, for GET /sim/captchas/:id. */
  hooks.post('/sim/captchas', (ctx: Context) => {
    const { captchaId, answer } = ctx.request.body as { captchaId?: unknown; answer?: unknown };
    if (typeof captchaId !== 'string' || typeof answer !== 'string') {
      return void ((ctx.status = 400), (ctx.body = { error: 'captchaId and answer are required' }));
    }
    state.captchaAnswers.set(captchaId, answer);
    ctx.body = { ok: true };
  });
  /** Makes the next call of an API fail: {api: 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'SendSms', code}. */
  hooks.post('/sim/fail-next', (ctx: Context) => {
    const { api, code } = ctx.request.body as { api: string; code: string | number };
    state.failNext.set(api, code);
    ctx.body = { ok: true };
  });

  for (const router of [
    hooks,
    wechatMiniProgramRoutes(state, options.wechat, now),
    tencentSmsRoutes(state, options.sms, now),
    wechatPayRoutes(pay, options.pay.merchant, now),
  ]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  return { app, state, pay };
}
