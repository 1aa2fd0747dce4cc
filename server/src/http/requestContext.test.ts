import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { requestContext } from './requestContext';
import type { AppState } from './types';

/** What an operator reads of each request at the production level (warn): refusals and failures, never the rest. */
describe('the access log', () => {
  const logged: Array<Record<string, unknown>> = [];
  let server: http.Server;
  let base: string;
  let stalling = false;
  let stalled: () => void = () => undefined;
  beforeAll(async () => {
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const app = new Koa<AppState>();
    app.use(requestContext(logger));
    app.use(async (ctx) => {
      if (ctx.path === '/refused') ctx.status = 403;
      else if (ctx.path === '/stalls') {
        stalling = true;
        await new Promise<void>((resolve) => (stalled = resolve));
      } else if (ctx.path === '/logs') ctx.state.log.warn('noted');
      ctx.body = { ok: true };
    });
    server = http.createServer(app.callback()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const linesOf = (id: string) => logged.filter((line) => (line.req as { id?: string } | undefined)?.id === id);

  it('writes nothing for an answered request, and a warn line with id, method, path and status for a refusal', async () => {
    const ok = await fetch(`${base}/fine`, { headers: { 'X-Request-Id': 'req-fine-1' } });
    const refused = await fetch(`${base}/refused?x=1`, {
      method: 'POST',
      headers: { 'X-Request-Id': 'req-refused-1' },
    });
    expect(ok.headers.get('x-request-id')).toBe('req-fine-1');
    expect(refused.status).toBe(403);
    await expect.poll(() => linesOf('req-refused-1')).toHaveLength(1);
    expect(linesOf('req-fine-1')).toEqual([]);
    expect(linesOf('req-refused-1')[0]).toMatchObject({
      level: 40,
      msg: 'request completed',
      req: { id: 'req-refused-1', method: 'POST', url: '/refused?x=1' },
      res: { statusCode: 403 },
    });
  });

  it("gives a request's own lines its id, and logs an answer the client gave up on as an error", async () => {
    await fetch(`${base}/logs`, { headers: { 'X-Request-Id': 'req-logs-1' } });
    expect(linesOf('req-logs-1')).toEqual([
      expect.objectContaining({ msg: 'noted', req: expect.objectContaining({ url: '/logs' }) }),
    ]);

    const aborted = new AbortController();
    const asked = fetch(`${base}/stalls`, { headers: { 'X-Request-Id': 'req-gone-1' }, signal: aborted.signal });
    await expect.poll(() => stalling).toBe(true);
    aborted.abort();
    await expect(asked).rejects.toThrow();
    await expect.poll(() => linesOf('req-gone-1')).toHaveLength(1);
    expect(linesOf('req-gone-1')[0]).toMatchObject({
      level: 50,
      msg: 'request errored',
      err: { message: 'request aborted' },
    });
    stalled();
  });
});
