import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/testApp';

describe('the HTTP app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers liveness and readiness against MySQL', async () => {
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'mysql' });
  });

  it('answers unknown routes with a stable code, a Chinese message and the request id', async () => {
    const response = await fetch(`${server.baseUrl}/api/no-such-thing`, { headers: { 'X-Request-Id': 'req-abc.123' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    expect(await response.json()).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: '请求的接口不存在',
      requestId: 'req-abc.123',
    });
  });

  it('answers malformed JSON with a validation code, not a crash', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"broken":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
  });

  it('masks ID and phone numbers in the logs, wherever they appear', async () => {
    await fetch(`${server.baseUrl}/api/no-such-thing?idCardNo=11010519491231002X&phone=13812345678`);
    const text = server.logLines.join('\n');
    expect(text).toContain('/api/no-such-thing');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('110**************X');
  });

  it('reports not ready, with a code, when the database is gone', async () => {
    const broken = await startTestServer({ DATABASE_URL: 'mysql://root@127.0.0.1:1/nowhere' });
    try {
      const ready = await fetch(`${broken.baseUrl}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务暂不可用，请稍后再试' });
      expect((await fetch(`${broken.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
