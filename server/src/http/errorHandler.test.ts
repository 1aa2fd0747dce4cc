import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { PayApiError } from '../modules/payment/wechatPayClient';
import { errorHandler } from './errorHandler';
import { requestContext } from './requestContext';
import type { AppState } from './types';

/** Which thrown errors are the client's fault (4xx with a code) and which are ours (500, logged). */
describe('the error handler', () => {
  const logged: string[] = [];
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const logger = createLogger({ level: 'error', destination: { write: (line: string) => logged.push(line) } });
    const app = new Koa<AppState>();
    app.use(requestContext(logger));
    app.use(errorHandler());
    app.use((ctx) => {
      if (ctx.path === '/client') ctx.throw(403);
      // WeChat Pay refusing our own request (a bad signature, a rate limit) carries its HTTP status too.
      throw new PayApiError(403, 'NO_AUTH', '商户无权限');
    });
    server = http.createServer(app.callback()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('answers a client error raised the http-errors way with its status and code', async () => {
    const answer = await fetch(`${base}/client`);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers a provider error that happens to carry a 4xx status as ours: 500, and logs it', async () => {
    const answer = await fetch(`${base}/provider`);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(logged.join('\n')).toContain('NO_AUTH');
  });
});
