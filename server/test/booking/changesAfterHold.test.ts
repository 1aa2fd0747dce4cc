import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { ageSmsCodes } from '../support/accountFlows';
import type { ApiClient } from '../support/apiClient';
import { insertBookingCatalog, takenOf, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, holdCourses, payByScan, replaceWithCode, waitForOrder } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

interface Mine {
  periods: Array<{
    periodId: number;
    changes: { allowed: boolean; code?: string; message?: string };
    items: Array<{ itemId: number; courseCode: string; state: string; history: Array<{ reason: string }> }>;
  }>;
}

/** Seed 004 三.(1) and 三.(2): replacing a course takes the SMS code; a paid booking changes only through a refund. */
describe('changing a booking after holding and after paying', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 5 });
  });
  afterAll(() => server.close());

  const periodOf = async (api: ApiClient) =>
    (await api.get<Mine>('/api/booking/mine')).body.periods.find((p) => p.periodId === catalog.periodId)!;

  it('replaces a held course only with the 保存考位 SMS code', async () => {
    const small = await insertBookingCatalog(server.db, { capacity: 5 });
    const ready = await holdCourses(server, small, 1);
    const { api, phone } = ready;
    const item = (await api.get<Mine>('/api/booking/mine')).body.periods[0]!.items[0]!;
    const replacement = small.units[0]!.codes[1]!;
    const path = `/api/booking/items/${item.itemId}/replace`;

    expect((await api.post(path, { courseCode: replacement })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    // A code for the replacement is checked first: nothing is sent for a course of another unit.
    await ageSmsCodes(server.db, phone, 61);
    const inboxBefore = (await server.simulator.inbox(phone)).length;
    const elsewhere = await api.post(`${path}-code`, { courseCode: small.units[1]!.codes[0] });
    expect(elsewhere.body).toMatchObject({ code: 'COURSE_NOT_IN_UNIT' });
    expect(await server.simulator.inbox(phone)).toHaveLength(inboxBefore);
    const sent = await api.post<{ phoneMasked: string }>(`${path}-code`, { courseCode: replacement });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const smsCode = await server.simulator.latestSmsCode(phone);
    const wrong = String((Number(smsCode) + 1) % 1_000_000).padStart(6, '0');
    expect((await api.post(path, { courseCode: replacement, smsCode: wrong })).body).toMatchObject({
      code: 'SMS_CODE_INVALID',
    });
    expect((await api.get<Mine>('/api/booking/mine')).body.periods[0]!.items[0]!.courseCode).toBe(item.courseCode);

    const replaced = await api.post(path, { courseCode: replacement, smsCode });
    expect(replaced.body).toMatchObject({ itemId: item.itemId, courseCode: replacement, state: 'held' });
    expect(await takenOf(server.db, small.periodId, small.counties[0]!.countyId, small.units[0]!.unitId)).toBe(1);
    // The code was used up.
    expect((await api.post(path, { courseCode: item.courseCode, smsCode })).body).toMatchObject({
      code: 'SMS_CODE_EXPIRED',
    });
  });

  it('once paid, refuses adding, replacing or dropping courses and a second order until the refund', async () => {
    const booked = await holdAndConfirm(server, catalog, 2);
    const { api } = booked;
    expect((await periodOf(api)).changes).toMatchObject({ allowed: false, code: 'BOOKING_AWAITING_PAYMENT' });
    await payByScan(server, booked);

    const period = await periodOf(api);
    const refundFirst = {
      code: 'BOOKING_PAID_REFUND_FIRST',
      message: expect.stringContaining('如需新增、更换或减少科目，请先在“我的报考”申请退费'),
    };
    expect(period.changes).toEqual({ allowed: false, ...refundFirst });
    const more = {
      periodId: catalog.periodId,
      countyId: catalog.counties[0]!.countyId,
      courseCodes: [catalog.units[2]!.codes[0]],
    };
    expect((await api.post('/api/booking/check', more)).body).toMatchObject(refundFirst);
    await ageSmsCodes(server.db, booked.phone, 61);
    const inboxBefore = (await server.simulator.inbox(booked.phone)).length;
    expect((await api.post('/api/booking/hold-code', more)).body).toMatchObject(refundFirst);
    expect(await server.simulator.inbox(booked.phone)).toHaveLength(inboxBefore);
    const paid = period.items[0]!;
    expect((await api.request('DELETE', `/api/booking/items/${paid.itemId}`)).body).toMatchObject(refundFirst);
    expect((await replaceWithCode(server, booked, paid.itemId, catalog.units[0]!.codes[1]!)).body).toMatchObject(
      refundFirst,
    );
    expect((await api.post('/api/booking/confirm', { periodId: catalog.periodId })).body).toMatchObject(refundFirst);
    const orders = await server.db.models.PaymentOrder.count({
      where: { candidateId: booked.candidate.candidateId, periodId: catalog.periodId },
    });
    expect(orders).toBe(1);
    expect((await periodOf(api)).items.map((i) => i.state)).toEqual(['paid', 'paid']);

    // After the refund the candidate books again (the seats went back to the pool).
    const refund = await api.post('/api/payments/refunds', { outTradeNo: booked.outTradeNo, reason: '需要更换科目' });
    expect(refund.status, refund.text).toBe(200);
    await waitForOrder(server, booked.outTradeNo, 'refunded');
    expect((await periodOf(api)).changes).toEqual({ allowed: true });
    await ageSmsCodes(server.db, booked.phone, 61);
    expect((await api.post('/api/booking/hold-code', more)).status).toBe(200);
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  });
});
