import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { timedJob } from '../src/metrics/jobs';
import { pruneTicketPdfs } from '../src/modules/admission/ticket/pruneTicketPdfs';
import { readMetrics } from '../src/modules/metrics/readMetrics';
import { insertBookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, holdCourses, payByScan } from './support/bookingFlows';
import { startTestServer, type TestServer } from './support/testApp';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** The value of one sample in Prometheus text, 0 when the series has not appeared yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Each test client calls from its own address: SMS codes asked from 127.0.0.1 by other files in the run
    // would otherwise count against this file's and ask it for an image captcha.
    server = await startTestServer({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  const scrape = async () => {
    const response = await fetch(`${server.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('refuses a scrape without the token, or with another one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: 'Bearer not-the-token' },
      { Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.baseUrl}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('counts a hold: the request answered and its course held', async () => {
    const before = await scrape();
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, counties: 1 });
    await holdCourses(server, catalog, 1);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('kaowei_hold_requests_total{outcome="answered"}')).toBe(1);
    expect(delta('kaowei_hold_courses_total{result="held"}')).toBe(1);
    expect(delta('kaowei_sms_sent_total{purpose="hold_seats"}')).toBeGreaterThanOrEqual(1);
    expect(
      delta('kaowei_http_request_duration_seconds_count{method="POST",route="/api/booking/holds",status="200"}'),
    ).toBe(1);
  });

  it('counts a payment, its refund by state, and a notification that fails verification', async () => {
    const before = await scrape();
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, counties: 1 });
    const booked = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, booked);
    const asked = await booked.api.post('/api/payments/refunds', { outTradeNo: booked.outTradeNo, reason: '时间冲突' });
    expect(asked.status, asked.text).toBe(200);
    const forged = await fetch(`${server.baseUrl}/api/payments/notify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(400);
    await vi.waitFor(
      async () => {
        const after = await scrape();
        const delta = (series: string) => sample(after, series) - sample(before, series);
        expect(delta('kaowei_payments_recorded_total{outcome="paid"}')).toBe(1);
        expect(delta('kaowei_refunds_total{state="opened"}')).toBe(1);
        expect(delta('kaowei_refunds_total{state="success"}')).toBe(1);
        expect(delta('kaowei_payment_notifications_total{outcome="applied"}')).toBeGreaterThanOrEqual(2);
        expect(delta('kaowei_payment_notifications_total{outcome="verification_failed"}')).toBe(1);
        expect(delta('kaowei_payment_notification_verifications_failed_total{reason="timestamp"}')).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('labels request durations with the route pattern, never the id in the path', async () => {
    await fetch(`${server.baseUrl}/api/admin/candidates/987654321`);
    await fetch(`${server.baseUrl}/api/no-such-thing/987654322`);
    await fetch(`${server.baseUrl}/api/records/scores`);
    const text = await scrape();
    expect(text).not.toContain('987654321');
    expect(text).not.toContain('987654322');
    expect(
      sample(
        text,
        'kaowei_http_request_duration_seconds_count{method="GET",route="/api/admin/candidates/:id",status="401"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kaowei_http_request_duration_seconds_count{method="GET",route="/api/records/scores",status="401"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kaowei_http_request_duration_seconds_count{method="GET",route="(unmatched)",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts once-across-instances job runs and times job ticks by outcome', async () => {
    const before = await scrape();
    const day = new Date(Date.UTC(2090 + randomInt(0, 9), randomInt(0, 12), randomInt(1, 29), 12));
    await timedJob('ticket_pdf_prune', () => pruneTicketPdfs(server.services, day));
    await pruneTicketPdfs(server.services, day); // the day's run is done: another instance would skip it
    await expect(timedJob('ticket_pdf_prune', () => Promise.reject(new Error('disk gone')))).rejects.toThrow();
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('kaowei_job_runs_total{job="ticket_pdf_prune",state="started"}')).toBe(1);
    expect(delta('kaowei_job_runs_total{job="ticket_pdf_prune",state="finished"}')).toBe(1);
    expect(delta('kaowei_job_runs_total{job="ticket_pdf_prune",state="skipped"}')).toBe(1);
    expect(delta('kaowei_job_duration_seconds_count{job="ticket_pdf_prune",outcome="ok"}')).toBe(1);
    expect(delta('kaowei_job_duration_seconds_count{job="ticket_pdf_prune",outcome="failed"}')).toBe(1);
  });

  it('shows the database pool and the event loop', async () => {
    const text = await scrape();
    expect(text).toMatch(/^kaowei_db_pool_connections\{state="in_use"\} \d+$/m);
    expect(text).toMatch(/^kaowei_db_pool_max_connections \d+$/m);
    expect(text).toMatch(/^kaowei_db_pool_acquire_seconds_count \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves a scraper on this machine outside production, but not one behind a proxy', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${server.baseUrl}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
  });

  it('does not exist in production', async () => {
    const local = { remoteAddress: '127.0.0.1', forwarded: false };
    await expect(readMetrics({ env: 'production' }, local)).rejects.toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      status: 404,
    });
    await expect(readMetrics({ env: 'production', token: TOKEN }, local)).rejects.toMatchObject({ status: 401 });
    await expect(
      readMetrics({ env: 'production', token: TOKEN }, { ...local, authorization: `Bearer ${TOKEN}` }),
    ).resolves.toMatchObject({ body: expect.stringContaining('kaowei_hold_requests_total') });
  });
});
