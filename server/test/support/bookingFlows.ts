import { QueryTypes } from 'sequelize';
import { expect, vi } from 'vitest';
import { ApiClient } from './apiClient';
import { ageSmsCodes, completeFirstLogin } from './accountFlows';
import type { BookingCatalog } from './bookingCatalog';
import { insertCandidateWithTicket } from './fixtures';
import type { TestServer } from './testApp';

/** A candidate through the first-login steps, signed in: `session` holds their tokens and new password. */
export async function readyCandidate(server: TestServer) {
  const api = new ApiClient(server.baseUrl);
  const candidate = await insertCandidateWithTicket(server.db, 'ready');
  const session = await completeFirstLogin(api, server.simulator, candidate);
  api.token = session.accessToken;
  return { api, candidate, phone: session.phone, session };
}

/** A ready candidate who holds the first course of the first `courses` units in a county (the first by default). */
export async function holdCourses(server: TestServer, catalog: BookingCatalog, courses = 2, county = 0) {
  const ready = await readyCandidate(server);
  const { api, phone } = ready;
  const body = {
    periodId: catalog.periodId,
    countyId: catalog.counties[county]!.countyId,
    courseCodes: catalog.units.slice(0, courses).map((u) => u.codes[0]!),
  };
  await api.post('/api/booking/notice-acknowledgements', { periodId: catalog.periodId });
  await ageSmsCodes(server.db, phone, 61);
  const asked = await api.post('/api/booking/hold-code', body);
  expect(asked.status, asked.text).toBe(200);
  const held = await api.post('/api/booking/holds', { ...body, smsCode: await server.simulator.latestSmsCode(phone) });
  expect(held.status, held.text).toBe(200);
  return ready;
}

/** Holds as `holdCourses` does, and confirms: the order to pay. */
export async function holdAndConfirm(server: TestServer, catalog: BookingCatalog, courses = 2, county = 0) {
  const ready = await holdCourses(server, catalog, courses, county);
  const { api } = ready;
  const confirmed = await api.post<{ outTradeNo: string; amountFen: number }>('/api/booking/confirm', {
    periodId: catalog.periodId,
  });
  expect(confirmed.status, confirmed.text).toBe(200);
  return { ...ready, outTradeNo: confirmed.body.outTradeNo, amountFen: confirmed.body.amountFen };
}

/** Seed 004 三.(1): asks for the 保存考位 code for a replacement, then replaces with it. */
export async function replaceWithCode(
  server: TestServer,
  ready: { api: ApiClient; phone: string },
  itemId: number,
  courseCode: string,
) {
  await ageSmsCodes(server.db, ready.phone, 61);
  const sent = await ready.api.post(`/api/booking/items/${itemId}/replace-code`, { courseCode });
  if (sent.status !== 200) return sent;
  const smsCode = await server.simulator.latestSmsCode(ready.phone);
  return ready.api.post(`/api/booking/items/${itemId}/replace`, { courseCode, smsCode });
}

/** Waits until the order reaches `state` (notifications arrive asynchronously). */
export async function waitForOrder(
  server: TestServer,
  outTradeNo: string,
  state: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await server.db.models.PaymentOrder.findOne({ where: { outTradeNo } });
    if (order?.state === state) return;
    if (Date.now() > deadline) throw new Error(`order ${outTradeNo} is ${order?.state}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Pays a confirmed order the way a candidate does: scan-to-pay, the phone pays, the notification lands. */
export async function payByScan(
  server: TestServer,
  booked: { api: ApiClient; outTradeNo: string; candidate: { idCardNo: string } },
): Promise<void> {
  const payment = await booked.api.post('/api/payments', {
    outTradeNo: booked.outTradeNo,
    channel: 'native',
    idCardNo: booked.candidate.idCardNo,
  });
  expect(payment.status, payment.text).toBe(200);
  await server.simulator.scan(booked.outTradeNo);
  await waitForOrder(server, booked.outTradeNo, 'paid');
}

/**
 * The candidate asks for a refund of a paid order and WeChat Pay answers ABNORMAL (the original account
 * cannot take it): resolves once the exception is listed for officials; returns its id.
 */
export async function refundAbnormally(
  server: TestServer,
  booked: { api: ApiClient; outTradeNo: string },
): Promise<number> {
  await server.simulator.paySwitches({ refundOutcome: 'ABNORMAL' });
  try {
    const asked = await booked.api.post('/api/payments/refunds', { outTradeNo: booked.outTradeNo, reason: '时间冲突' });
    expect(asked.status, asked.text).toBe(200);
    const listed = () =>
      server.db.sequelize.query<{ id: number }>('SELECT id FROM payment_exceptions WHERE out_trade_no = ?', {
        replacements: [booked.outTradeNo],
        type: QueryTypes.SELECT,
      });
    // The outcome arrives by notification.
    return await vi.waitFor(
      async () => {
        const [row] = await listed();
        expect(row).toBeDefined();
        return row!.id;
      },
      { timeout: 10_000, interval: 50 },
    );
  } finally {
    await server.simulator.paySwitches({ refundOutcome: 'SUCCESS' });
  }
}
