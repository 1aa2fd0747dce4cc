import { createPublicKey, createVerify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { closeAndRelease } from '../../src/modules/payment/closeAndRelease';
import { settlePayments } from '../../src/modules/payment/settlePayments';
import { ApiClient } from '../support/apiClient';
import { signedInOfficial } from '../support/adminSession';
import { insertBookingCatalog, takenOf, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, payByScan, waitForOrder } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

describe('paying with WeChat Pay through the real SDK and the simulator', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 50 });
  });
  // Fen for fen after every scenario: paid = seats held + refunded + listed exceptions.
  afterEach(async () => {
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });
  afterAll(() => server.close());

  const paidEvents = async (outTradeNo: string) => {
    const order = await server.db.models.PaymentOrder.findOne({ where: { outTradeNo }, rejectOnEmpty: true });
    const items = await server.db.models.BookingItem.findAll({ where: { paymentOrderId: order.id } });
    return server.db.models.BookingEvent.count({ where: { bookingItemId: items.map((i) => i.id), toState: 'paid' } });
  };

  it('scan to pay: the same QR code when asked again, then 已缴费 once the phone pays', async () => {
    const { api, candidate, outTradeNo, amountFen } = await holdAndConfirm(server, catalog, 2);
    expect(amountFen).toBe(7000);
    const wrongId = await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: '11010519491231002X' });
    expect(wrongId.body).toMatchObject({ code: 'ID_CARD_MISMATCH', message: '证件号码与考生信息不一致' });

    const first = await api.post<{ codeUrl: string; qrCode: string; amountYuan: string }>('/api/payments', {
      outTradeNo,
      channel: 'native',
      idCardNo: candidate.idCardNo,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(first.body.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(first.body.amountYuan).toBe('70.00');
    const again = await api.post<{ codeUrl: string }>('/api/payments', {
      outTradeNo,
      channel: 'native',
      idCardNo: candidate.idCardNo,
    });
    expect(again.body.codeUrl).toBe(first.body.codeUrl);

    await server.simulator.scan(outTradeNo);
    await waitForOrder(server, outTradeNo, 'paid');
    const mine = await api.get<{ periods: Array<{ items: Array<{ stateLabel: string }> }> }>('/api/booking/mine');
    expect(mine.body.periods[0]!.items.map((i) => i.stateLabel)).toEqual(['已缴费', '已缴费']);
    expect((await api.get(`/api/payments/${outTradeNo}`)).body).toMatchObject({ state: 'paid' });
    expect(
      (await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo })).body,
    ).toMatchObject({
      code: 'ORDER_NOT_PAYABLE',
    });
  });

  it('in the mini-program: requestPayment parameters signed with the merchant key', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    const unlinked = await api.post('/api/payments', { outTradeNo, channel: 'jsapi', idCardNo: candidate.idCardNo });
    expect(unlinked.body).toMatchObject({ code: 'WECHAT_NOT_LINKED' });
    await server.db.models.Candidate.update(
      { wechatOpenid: `openid-${candidate.candidateId}` },
      { where: { id: candidate.candidateId } },
    );
    const answer = await api.post<{ requestPayment: Record<string, string> }>('/api/payments', {
      outTradeNo,
      channel: 'jsapi',
      idCardNo: candidate.idCardNo,
    });
    expect(answer.status, answer.text).toBe(200);
    const p = answer.body.requestPayment;
    expect(p.package).toMatch(/^prepay_id=wx/);
    const merchantKey = createPublicKey(server.simulatorOptions.pay.merchant.merchantCertificate);
    const signed = createVerify('RSA-SHA256').update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`);
    expect(signed.verify(merchantKey, p.paySign!, 'base64')).toBe(true);
    await server.simulator.scan(outTradeNo, `openid-${candidate.candidateId}`);
    await waitForOrder(server, outTradeNo, 'paid');
  });

  it('changes between in-app payment and the QR code: the first WeChat order is closed, the order renumbered', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    const openid = `openid-${candidate.candidateId}`;
    await server.db.models.Candidate.update({ wechatOpenid: openid }, { where: { id: candidate.candidateId } });
    const pay = (channel: string, no: string) =>
      api.post<{ outTradeNo: string; codeUrl?: string }>('/api/payments', {
        outTradeNo: no,
        channel,
        idCardNo: candidate.idCardNo,
      });
    expect((await pay('jsapi', outTradeNo)).status).toBe(200);
    // The candidate backs out of the payment sheet and scans the QR code instead.
    const scan = await pay('native', outTradeNo);
    expect(scan.status, scan.text).toBe(200);
    const renumbered = scan.body.outTradeNo;
    expect(renumbered).not.toBe(outTradeNo);
    expect(scan.body.codeUrl).toMatch(/^weixin:\/\//);
    expect((await server.services.wechatPay.query(outTradeNo))?.trade_state).toBe('CLOSED');
    // The old number is kept: polling it names the order's current number; asking for the QR code again gives the same one.
    expect((await api.get(`/api/payments/${outTradeNo}`)).body).toMatchObject({
      outTradeNo: renumbered,
      state: 'created',
    });
    expect((await pay('native', renumbered)).body.codeUrl).toBe(scan.body.codeUrl);
    await server.simulator.scan(renumbered);
    await waitForOrder(server, renumbered, 'paid');
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });

  it('records a payment made before the change of channel instead of renumbering', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    await server.simulator.paySwitches({ drop: true });
    try {
      await server.simulator.scan(outTradeNo);
    } finally {
      await server.simulator.paySwitches({ drop: false });
    }
    await server.db.models.Candidate.update(
      { wechatOpenid: `openid-${candidate.candidateId}` },
      { where: { id: candidate.candidateId } },
    );
    const again = await api.post('/api/payments', { outTradeNo, channel: 'jsapi', idCardNo: candidate.idCardNo });
    expect(again.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE', message: expect.stringContaining('已缴费') });
    expect((await api.get(`/api/payments/${outTradeNo}`)).body).toMatchObject({ state: 'paid' });
  });

  it('applies a notification sent 10 times, in any order, exactly once', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 2);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    await server.simulator.paySwitches({ duplicates: 10, reorder: true });
    try {
      await server.simulator.scan(outTradeNo);
      await waitForOrder(server, outTradeNo, 'paid');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await server.simulator.paySwitches({ duplicates: 1, reorder: false });
    }
    expect(await paidEvents(outTradeNo)).toBe(2);
    const [rows] = await server.db.sequelize.query(
      'SELECT COUNT(*) AS n FROM payment_notifications WHERE out_trade_no = ?',
      {
        replacements: [outTradeNo],
      },
    );
    expect(Number((rows as Array<{ n: number }>)[0]!.n)).toBe(1);
  });

  it('settles a payment whose notification never came, by asking WeChat Pay', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    await server.simulator.paySwitches({ drop: true });
    try {
      await server.simulator.scan(outTradeNo);
    } finally {
      await server.simulator.paySwitches({ drop: false });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await server.db.models.PaymentOrder.findOne({ where: { outTradeNo } }))!.state).toBe('created');
    const settled = await settlePayments(server.services, new Date(), 0);
    expect(settled.paid).toBeGreaterThanOrEqual(1);
    await waitForOrder(server, outTradeNo, 'paid');
  });

  const releaseNow = (periodId: number, countyIds?: number[]) =>
    closeAndRelease(server.services, {
      periodId,
      heldBefore: new Date(),
      actor: { type: 'system', id: null, name: 'test' },
      countyIds,
    });

  it('never releases a seat whose order was paid meanwhile: the release asks WeChat Pay first', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    await server.simulator.paySwitches({ drop: true });
    try {
      await server.simulator.scan(outTradeNo);
    } finally {
      await server.simulator.paySwitches({ drop: false });
    }
    const result = await releaseNow(catalog.periodId, [catalog.counties[0]!.countyId]);
    expect(result.paid).toBeGreaterThanOrEqual(1);
    await waitForOrder(server, outTradeNo, 'paid');
    expect(await paidEvents(outTradeNo)).toBe(1);
  });

  it('closes, then releases, an order that was not paid by the end of the day', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    await releaseNow(catalog.periodId, [catalog.counties[0]!.countyId]);
    await waitForOrder(server, outTradeNo, 'closed');
    expect((await server.simulator.payOrder(outTradeNo)).tradeState).toBe('CLOSED');
    expect(
      (await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo })).body,
    ).toMatchObject({
      code: 'ORDER_NOT_PAYABLE',
    });
  });

  it('audits every release of orders sent to WeChat Pay, scheduled or by hand', async () => {
    const small = await insertBookingCatalog(server.db, { capacity: 5, units: 2, counties: 1 });
    const sent = async () => {
      const booked = await holdAndConfirm(server, small, 2);
      await booked.api.post('/api/payments', {
        outTradeNo: booked.outTradeNo,
        channel: 'native',
        idCardNo: booked.candidate.idCardNo,
      });
      return server.db.models.PaymentOrder.findOne({ where: { outTradeNo: booked.outTradeNo }, rejectOnEmpty: true });
    };
    const scheduled = await sent();
    expect((await releaseNow(small.periodId)).released).toBe(2);
    const byHand = await sent();
    const official = await signedInOfficial(server, 'county', { countyId: small.counties[0]!.countyId });
    const answer = await official.api.post(`/api/admin/periods/${small.periodId}/release`);
    expect(answer.body).toMatchObject({ released: 2 });
    const audited = async (orderId: number) => {
      const items = await server.db.models.BookingItem.findAll({
        where: { paymentOrderId: orderId },
        order: [['id', 'ASC']],
      });
      expect(items.map((i) => i.state)).toEqual(['released', 'released']);
      const logs = await server.db.models.AuditLog.findAll({
        where: { action: 'booking.release', entityType: 'payment_order', entityId: String(orderId) },
      });
      expect(logs).toHaveLength(1);
      expect(logs[0]!.after).toMatchObject({ released: 2, itemIds: items.map((i) => i.id) });
      expect(logs[0]!.countyId).toBe(small.counties[0]!.countyId);
      return logs[0]!;
    };
    expect((await audited(scheduled.id)).actorType).toBe('system');
    expect(await audited(byHand.id)).toMatchObject({ actorType: 'official', actorId: official.id });
  });

  it('re-takes released seats for a late payment when they are free', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 1);
    await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    const order = await server.db.models.PaymentOrder.findOne({ where: { outTradeNo }, rejectOnEmpty: true });
    await releaseNow(catalog.periodId, [catalog.counties[0]!.countyId]);
    expect(await server.db.models.BookingItem.count({ where: { paymentOrderId: order.id, state: 'released' } })).toBe(
      1,
    );
    // The payer confirmed just as the order was closed: WeChat Pay reports the payment anyway.
    await server.simulator.scan(outTradeNo, undefined, true);
    await waitForOrder(server, outTradeNo, 'paid');
    const items = await server.db.models.BookingItem.findAll({ where: { paymentOrderId: order.id } });
    expect(items.map((i) => [i.state, i.active])).toEqual([['paid', 1]]);
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  });

  it('refunds a late payment automatically when its seat is gone, and lists it for officials', async () => {
    const small = await insertBookingCatalog(server.db, { capacity: 1, units: 1, counties: 1 });
    const late = await holdAndConfirm(server, small, 1);
    await late.api.post('/api/payments', {
      outTradeNo: late.outTradeNo,
      channel: 'native',
      idCardNo: late.candidate.idCardNo,
    });
    await releaseNow(small.periodId);
    // Someone else takes the only seat.
    await holdAndConfirm(server, small, 1);
    await server.simulator.scan(late.outTradeNo, undefined, true);
    await waitForOrder(server, late.outTradeNo, 'refunded');
    const order = await server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: late.outTradeNo },
      rejectOnEmpty: true,
    });
    expect(await server.db.models.BookingItem.count({ where: { paymentOrderId: order.id, state: 'paid' } })).toBe(0);
    const [exceptions] = await server.db.sequelize.query('SELECT kind FROM payment_exceptions WHERE out_trade_no = ?', {
      replacements: [late.outTradeNo],
    });
    expect(exceptions).toEqual([{ kind: 'late_payment_refund' }]);
    const mine = await late.api.get<{
      periods: Array<{ orders: Array<{ state: string; refunds: Array<{ reason: string }> }> }>;
    }>('/api/booking/mine');
    expect(mine.body.periods[0]!.orders[0]).toMatchObject({
      state: 'refunded',
      refunds: [{ state: 'success', kind: 'late_payment', reason: '缴费时考位已释放且已满，自动退费' }],
    });
    expect((await server.simulator.payOrder(late.outTradeNo)).refunds).toEqual([
      expect.objectContaining({ status: 'SUCCESS', amount: 3500 }),
    ]);
    expect(await checkSeats(server.db, small.periodId)).toEqual([]);
  });

  it('refunds once for a double click, releases the seats only when the refund succeeds', async () => {
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, catalog, 2);
    await payByScan(server, { api, outTradeNo, candidate });
    const unit = catalog.units[0]!.unitId;
    const county = catalog.counties[0]!.countyId;
    const takenBefore = await takenOf(server.db, catalog.periodId, county, unit);

    await server.simulator.paySwitches({ systemErrorNext: ['refunds'] });
    const [a, b] = await Promise.all([
      api.post<{ outRefundNo: string; state: string }>('/api/payments/refunds', {
        outTradeNo,
        reason: '时间冲突，无法参加考试',
      }),
      api.post<{ outRefundNo: string; state: string }>('/api/payments/refunds', {
        outTradeNo,
        reason: '时间冲突，无法参加考试',
      }),
    ]);
    expect(a.status, a.text).toBe(200);
    expect(b.body.outRefundNo).toBe(a.body.outRefundNo);
    expect(await takenOf(server.db, catalog.periodId, county, unit)).toBe(takenBefore);

    // The SYSTEM_ERROR left it pending or the second click sent it; the retry job reuses the same number.
    await server.db.sequelize.query('UPDATE refunds SET updated_at = ? WHERE out_refund_no = ?', {
      replacements: [new Date(Date.now() - 120_000), a.body.outRefundNo],
    });
    await settlePayments(server.services, new Date(), 0);
    await waitForOrder(server, outTradeNo, 'refunded');
    const wechat = await server.simulator.payOrder(outTradeNo);
    expect(wechat.refunds).toEqual([
      expect.objectContaining({ outRefundNo: a.body.outRefundNo, status: 'SUCCESS', amount: 7000 }),
    ]);
    expect(await takenOf(server.db, catalog.periodId, county, unit)).toBe(takenBefore - 1);
    const mine = await api.get<{ periods: Array<{ items: Array<{ stateLabel: string }> }> }>('/api/booking/mine');
    expect(mine.body.periods[0]!.items.map((i) => i.stateLabel)).toEqual(['已退费', '已退费']);
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  });

  it('pays only during the daily paying hours', async () => {
    const shut = await insertBookingCatalog(server.db, { capacity: 5, units: 1 });
    const { api, candidate, outTradeNo } = await holdAndConfirm(server, shut, 1);
    await server.db.models.ExamPeriod.update(
      { payDailyStart: '00:00', payDailyEnd: '00:00' },
      { where: { id: shut.periodId } },
    );
    const answer = await api.post('/api/payments', { outTradeNo, channel: 'native', idCardNo: candidate.idCardNo });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('PAYMENT_WINDOW_CLOSED');
    expect(answer.body.message).toContain('每日00:00–00:00');
  });

  it('lets only officials of the district refund on a candidate’s behalf', async () => {
    const { outTradeNo, api, candidate } = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, { api, outTradeNo, candidate });
    const { insertOfficial, OFFICIAL_PASSWORD } = await import('../support/fixtures');
    const admin = new ApiClient(server.baseUrl);
    const signIn = async (username: string) =>
      (await admin.post<{ accessToken: string }>('/api/admin/login', { username, password: OFFICIAL_PASSWORD })).body
        .accessToken;
    const outsider = await insertOfficial(server.db, 'county', { countyId: catalog.counties[1]!.countyId });
    const insider = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });
    expect(
      (
        await admin.post(
          `/api/admin/orders/${outTradeNo}/refund`,
          { reason: '考生申请' },
          await signIn(outsider.username),
        )
      ).status,
    ).toBe(403);
    const done = await admin.post(
      `/api/admin/orders/${outTradeNo}/refund`,
      { reason: '考生因病申请退费' },
      await signIn(insider.username),
    );
    expect(done.status, done.text).toBe(200);
    await waitForOrder(server, outTradeNo, 'refunded');
  });
});
