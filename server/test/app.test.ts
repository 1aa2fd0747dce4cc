import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdFor } from '../src/http/requestContext';
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

  it('answers client mistakes with a 4xx and a code, never a 500', async () => {
    const compressed = await fetch(`${server.baseUrl}/api/accounts/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'compress' },
      body: '{"account":"x"}',
    });
    expect(compressed.status).toBe(415);
    expect(await compressed.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', requestId: expect.any(String) });

    for (const path of [
      '/..%2f..%2fpackage.json',
      '/admin/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
    ]) {
      const traversal = await fetch(`${server.baseUrl}${path}`);
      expect(traversal.status, path).toBeGreaterThanOrEqual(400);
      expect(traversal.status, path).toBeLessThan(500);
      const text = await traversal.text();
      expect(text).not.toContain('workspaces');
      expect(JSON.parse(text)).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    }
  });

  it('answers a method a route does not take with JSON 405 and the methods it does', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
    expect(await response.json()).toEqual({
      code: 'METHOD_NOT_ALLOWED',
      message: '该接口不支持此请求方法',
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('routes a literal path alike however it is spelled, and answers a wrong method on it with 405', async () => {
    for (const path of ['/api/records/scores', '/api/records/Scores', '/api/records/scores/']) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const wrongMethod = await fetch(`${server.baseUrl}/api/records/scores`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
  });

  it('masks ID and phone numbers in the logs, wherever they appear', async () => {
    await fetch(`${server.baseUrl}/api/no-such-thing?idCardNo=11010519491231002X&phone=13812345678`);
    const text = server.logLines.join('\n');
    expect(text).toContain('/api/no-such-thing');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('110**************X');
  });

  it('never lets the log mask rewrite a request id, so the id a user reports is found in the logs', async () => {
    const response = await fetch(`${server.baseUrl}/api/no-such-thing`, {
      headers: { 'X-Request-Id': 'req-13812345678' },
    });
    const id = response.headers.get('x-request-id')!;
    expect(((await response.json()) as { requestId: string }).requestId).toBe(id);
    expect(server.logLines.some((line) => line.includes(`"${id}"`))).toBe(true);

    // A generated id with a phone-like run (about one UUID in 3,000) is drawn again.
    const draws = ['0f4e2c1a-9b3d-4c5e-8f7a-b13812345678', '0f4e2c1a-9b3d-4c5e-8f7a-b1381234567c'];
    expect(requestIdFor(undefined, () => draws.shift()!)).toBe('0f4e2c1a-9b3d-4c5e-8f7a-b1381234567c');
  });

  it('reports not ready, with a code, when the database is gone', async () => {
    const broken = await startTestServer({ DATABASE_URL: 'mysql://root@127.0.0.1:1/nowhere' });
    try {
      const ready = await fetch(`${broken.baseUrl}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        code: 'DATABASE_UNREACHABLE',
        message: '数据库暂时无法连接，请稍后再试',
      });
      expect((await fetch(`${broken.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
