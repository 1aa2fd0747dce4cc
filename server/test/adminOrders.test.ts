import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { holdAndConfirm, payByScan, waitForOrder } from './support/bookingFlows';
import { signedInOfficial } from './support/adminSession';
import { startTestServer, type TestServer } from './support/testApp';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
interface BookingRow {
  id: number;
  candidateId: number;
  candidateName: string;
  ticketNo: string;
  idCardMasked: string;
  countyName: string;
  state: string;
  items: Array<{ id: number; courseCode: string; courseName: string; unitCode: string; state: string }>;
  amountFen: number;
  paidAt: string | null;
}
interface PaymentRow {
  outTradeNo: string;
  candidateName: string;
  ticketNo: string;
  countyName: string;
  amountFen: number;
  state: string;
  channel: string | null;
  paidAt: string | null;
  transactionId: string | null;
}
interface RefundRow {
  outRefundNo: string;
  outTradeNo: string;
  candidateName: string;
  amountFen: number;
  kind: string;
  reason: string;
  state: string;
  createdAt: string;
  succeededAt: string | null;
}

describe('bookings, payments and refunds for officials', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let unpaid: Awaited<ReturnType<typeof holdAndConfirm>>;
  let paid: Awaited<ReturnType<typeof holdAndConfirm>>;
  let elsewhere: Awaited<ReturnType<typeof holdAndConfirm>>;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 10, units: 2, counties: 2 });
    unpaid = await holdAndConfirm(server, catalog, 2);
    paid = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, paid);
    elsewhere = await holdAndConfirm(server, catalog, 1, 1);
  });
  afterAll(() => server.close());

  const insider = () => signedInOfficial(server, 'county', { countyId: catalog.counties[0]!.countyId });
  const outsider = () => signedInOfficial(server, 'county', { countyId: catalog.counties[1]!.countyId });
  const bookingIdOf = async (candidateId: number) =>
    (await server.db.models.Booking.findOne({ where: { candidateId, periodId: catalog.periodId } }))!.id;

  it('lists the district’s bookings with items and money, filtered by state and candidate', async () => {
    const { api } = await insider();
    const base = `/api/admin/bookings?periodId=${catalog.periodId}`;
    const all = await api.get<Page<BookingRow>>(base);
    expect(all.status, all.text).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((b) => b.candidateId)).toEqual([
      paid.candidate.candidateId,
      unpaid.candidate.candidateId,
    ]);

    const paidOnly = await api.get<Page<BookingRow>>(`${base}&state=paid`);
    expect(paidOnly.body.total).toBe(1);
    expect(paidOnly.body.items[0]).toMatchObject({
      candidateId: paid.candidate.candidateId,
      ticketNo: paid.candidate.ticketNo,
      countyName: catalog.counties[0]!.name,
      state: 'paid',
      amountFen: 3500,
      items: [{ courseCode: catalog.units[0]!.codes[0], unitCode: 'U1', state: 'paid' }],
    });
    expect(paidOnly.body.items[0]!.paidAt).not.toBeNull();

    const confirmed = await api.get<Page<BookingRow>>(`${base}&state=confirmed&q=${unpaid.candidate.ticketNo}`);
    expect(confirmed.body.items).toHaveLength(1);
    expect(confirmed.body.items[0]).toMatchObject({ state: 'confirmed', amountFen: 7000, paidAt: null });
    expect(confirmed.body.items[0]!.items.map((i) => i.unitCode)).toEqual(['U1', 'U2']);
    expect(confirmed.body.items[0]!.idCardMasked).not.toContain(unpaid.candidate.idCardNo.slice(-6));

    const second = await api.get<Page<BookingRow>>(`${base}&pageSize=1&page=2`);
    expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(second.body.items.map((b) => b.candidateId)).toEqual([unpaid.candidate.candidateId]);
    expect((await api.get(`${base}&pageSize=101`)).status).toBe(400);
    expect((await api.get(`${base}&countyId=${catalog.counties[1]!.countyId}`)).status).toBe(403);

    const province = await signedInOfficial(server, 'province');
    expect((await province.api.get<Page<BookingRow>>(base)).body.total).toBe(3);
  });

  it('shows a booking with its item history and payment, and refuses other districts', async () => {
    const id = await bookingIdOf(paid.candidate.candidateId);
    const detail = await (
      await insider()
    ).api.get<{
      id: number;
      state: string;
      items: Array<{ state: string; outTradeNo: string; history: Array<{ from: string | null; to: string }> }>;
      payments: PaymentRow[];
      refunds: RefundRow[];
    }>(`/api/admin/bookings/${id}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body).toMatchObject({ id, state: 'paid' });
    expect(detail.body.items[0]!.outTradeNo).toBe(paid.outTradeNo);
    expect(detail.body.items[0]!.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'null→held',
      'held→confirmed',
      'confirmed→paid',
    ]);
    expect(detail.body.payments).toEqual([
      expect.objectContaining({ outTradeNo: paid.outTradeNo, state: 'paid', channel: 'native', amountFen: 3500 }),
    ]);
    expect(detail.body.payments[0]!.transactionId).toBeTruthy();

    const refused = await (await outsider()).api.get(`/api/admin/bookings/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(
      (await (await insider()).api.get(`/api/admin/bookings/${await bookingIdOf(elsewhere.candidate.candidateId)}`))
        .status,
    ).toBe(403);
  });

  it('lists payment orders by state and by order number, within the district', async () => {
    const { api } = await insider();
    const base = `/api/admin/payments?periodId=${catalog.periodId}`;
    const all = await api.get<Page<PaymentRow>>(base);
    expect(all.status, all.text).toBe(200);
    expect(all.body.items.map((p) => p.outTradeNo).sort()).toEqual([paid.outTradeNo, unpaid.outTradeNo].sort());

    const done = await api.get<Page<PaymentRow>>(`${base}&state=paid`);
    expect(done.body.items).toEqual([
      expect.objectContaining({
        outTradeNo: paid.outTradeNo,
        ticketNo: paid.candidate.ticketNo,
        countyName: catalog.counties[0]!.name,
        amountFen: 3500,
        state: 'paid',
        channel: 'native',
      }),
    ]);
    expect(done.body.items[0]!.paidAt).not.toBeNull();
    const byTransaction = await api.get<Page<PaymentRow>>(`${base}&q=${done.body.items[0]!.transactionId}`);
    expect(byTransaction.body.items.map((p) => p.outTradeNo)).toEqual([paid.outTradeNo]);
    const byOrder = await api.get<Page<PaymentRow>>(`${base}&q=${unpaid.outTradeNo}`);
    expect(byOrder.body.items).toEqual([expect.objectContaining({ state: 'created', amountFen: 7000, paidAt: null })]);

    const theirs = await (await outsider()).api.get<Page<PaymentRow>>(base);
    expect(theirs.body.items.map((p) => p.outTradeNo)).toEqual([elsewhere.outTradeNo]);
  });

  it('refunds only within the district, and lists the refund with its kind and outcome', async () => {
    const refundPath = `/api/admin/orders/${paid.outTradeNo}/refund`;
    const refused = await (await outsider()).api.post(refundPath, { reason: '考生申请退费' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const { api, id: officialId } = await insider();
    const done = await api.post(refundPath, { reason: '考生因病申请退费' });
    expect(done.status, done.text).toBe(200);
    await waitForOrder(server, paid.outTradeNo, 'refunded');

    const base = `/api/admin/refunds?periodId=${catalog.periodId}`;
    const listed = await api.get<Page<RefundRow>>(base);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        outTradeNo: paid.outTradeNo,
        amountFen: 3500,
        kind: 'official',
        reason: '考生因病申请退费',
        state: 'success',
      }),
    ]);
    expect(listed.body.items[0]!.succeededAt).not.toBeNull();
    expect((await api.get<Page<RefundRow>>(`${base}&kind=official&state=success`)).body.total).toBe(1);
    expect((await api.get<Page<RefundRow>>(`${base}&kind=late_payment`)).body.total).toBe(0);
    expect((await (await outsider()).api.get<Page<RefundRow>>(base)).body.total).toBe(0);

    const detail = await api.get<{ state: string; refunds: RefundRow[] }>(
      `/api/admin/bookings/${await bookingIdOf(paid.candidate.candidateId)}`,
    );
    expect(detail.body.state).toBe('refunded');
    expect(detail.body.refunds.map((r) => r.kind)).toEqual(['official']);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'payment.refund', actorId: officialId },
    });
    expect(audit?.reason).toBe('考生因病申请退费');
  });
});
