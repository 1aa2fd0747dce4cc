import type { PaymentException } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInOfficial } from './support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, payByScan, refundAbnormally } from './support/bookingFlows';
import { startTestServer, type TestServer } from './support/testApp';

interface MyOrder {
  outTradeNo: string;
  state: string;
  countyName: string | null;
  refunds: Array<{ state: string }>;
}

/**
 * 异常处理 rows name the candidate (name, masked phone, county) so the office can call them, and the
 * candidate's 我的报考 carries the county whose office settles an abnormal refund.
 */
describe('money exceptions name the candidate; 我的报考 says whom to contact', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let booked: Awaited<ReturnType<typeof holdAndConfirm>>;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 1, counties: 2 });
    booked = await holdAndConfirm(server, catalog, 1, 1);
    await payByScan(server, booked);
    await refundAbnormally(server, booked);
  });
  afterAll(() => server.close());

  it('lists an abnormal refund with the candidate’s name, masked phone and county, within scope only', async () => {
    const county = catalog.counties[1]!;
    const { api } = await signedInOfficial(server, 'county', { countyId: county.countyId });
    const listed = await api.get<{ items: PaymentException[] }>('/api/admin/payment-exceptions');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        kind: 'refund_abnormal',
        outTradeNo: booked.outTradeNo,
        countyId: county.countyId,
        countyName: county.name,
        candidateId: booked.candidate.candidateId,
        candidateName: '测试考生',
        candidatePhoneMasked: `${booked.phone.slice(0, 3)}****${booked.phone.slice(-4)}`,
      }),
    ]);
    expect(listed.text).not.toContain(booked.phone);
    const neighbour = await signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
    expect((await neighbour.api.get<{ items: unknown[] }>('/api/admin/payment-exceptions')).body.items).toEqual([]);
  });

  it('names the candidate of a difference found on a number the order had before a change of channel', async () => {
    const retired = `${booked.outTradeNo.slice(0, -4)}R001`;
    const at = new Date();
    await server.db.sequelize.query(
      `INSERT INTO retired_trade_numbers (payment_order_id, out_trade_no, created_at, updated_at)
       SELECT id, ?, ?, ? FROM payment_orders WHERE out_trade_no = ?`,
      { replacements: [retired, at, at, booked.outTradeNo] },
    );
    await server.db.sequelize.query(
      `INSERT INTO payment_exceptions (kind, out_trade_no, their_amount_fen, details, created_at, updated_at)
       VALUES ('bill_missing_here', ?, 3500, '账单有、本系统无', ?, ?)`,
      { replacements: [retired, at, at] },
    );
    const county = catalog.counties[1]!;
    const { api } = await signedInOfficial(server, 'county', { countyId: county.countyId });
    const listed = await api.get<{ items: PaymentException[] }>('/api/admin/payment-exceptions');
    const row = listed.body.items.find((item) => item.outTradeNo === retired);
    expect(row).toMatchObject({
      countyId: county.countyId,
      candidateId: booked.candidate.candidateId,
      candidateName: '测试考生',
    });
    // The county that sees it can settle it too.
    const settled = await api.post(`/api/admin/payment-exceptions/${row!.id}/resolve`, { reason: '已核实为重复扫码' });
    expect(settled.status, settled.text).toBe(200);
  });

  it('tells the candidate on 我的报考 which county office settles the abnormal refund', async () => {
    const mine = await booked.api.get<{ periods: Array<{ orders: MyOrder[] }> }>('/api/booking/mine');
    expect(mine.status, mine.text).toBe(200);
    const order = mine.body.periods.flatMap((p) => p.orders).find((o) => o.outTradeNo === booked.outTradeNo);
    expect(order).toMatchObject({
      state: 'refunding',
      countyName: catalog.counties[1]!.name,
      refunds: [expect.objectContaining({ state: 'abnormal' })],
    });
  });
});
