import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDateString } from '../../src/lib/beijingTime';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { runDueReconciliation } from '../../src/modules/payment/reconcileScheduler';
import { ApiClient } from '../support/apiClient';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, payByScan, waitForOrder } from '../support/bookingFlows';
import { insertOfficial, OFFICIAL_PASSWORD } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

type Listed = { items: Array<{ id: number; kind: string; outTradeNo: string; details: string }> };

describe('reconciliation, refund outcomes and notification retries', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  let province: string;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 30 });
    const official = await insertOfficial(server.db, 'province');
    province = (
      await new ApiClient(server.baseUrl).post<{ accessToken: string }>('/api/admin/login', {
        username: official.username,
        password: OFFICIAL_PASSWORD,
      })
    ).body.accessToken;
  });
  afterAll(() => server.close());

  async function paidOrder() {
    const booked = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, booked);
    return booked;
  }

  it('lists every difference between the trade bill and our records, once', async () => {
    const matching = await paidOrder();
    const differing = await paidOrder();
    const today = beijingDateString(new Date());
    await server.simulator.paySwitches({
      billAmounts: { [differing.outTradeNo]: 1 },
      billExtra: [{ outTradeNo: 'KWSTRANGER0001', transactionId: '4200000000000001', totalFen: 3500, date: today }],
    });
    const admin = new ApiClient(server.baseUrl);
    const answer = await admin.post<{ differences: Array<{ kind: string; outTradeNo: string }> }>(
      '/api/admin/reconciliations',
      { billDate: today },
      province,
    );
    expect(answer.status, answer.text).toBe(200);
    const found = answer.body.differences.filter((d) =>
      [differing.outTradeNo, 'KWSTRANGER0001', matching.outTradeNo].includes(d.outTradeNo),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'bill_amount_mismatch', outTradeNo: differing.outTradeNo }),
        expect.objectContaining({ kind: 'bill_missing_here', outTradeNo: 'KWSTRANGER0001' }),
      ]),
    );
    expect(found.some((d) => d.outTradeNo === matching.outTradeNo)).toBe(false);
    // Again: still listed once each.
    await admin.post('/api/admin/reconciliations', { billDate: today }, province);
    const listed = await admin.get<{ items: Array<{ kind: string; outTradeNo: string }> }>(
      '/api/admin/payment-exceptions',
      province,
    );
    expect(listed.body.items.filter((i) => i.outTradeNo === 'KWSTRANGER0001')).toHaveLength(1);
    await server.simulator.paySwitches({ billAmounts: {}, billExtra: [] });
  });

  it('lets the provincial office settle a bill difference with a note, and no county official', async () => {
    const admin = new ApiClient(server.baseUrl);
    const stranger = (await admin.get<Listed>('/api/admin/payment-exceptions', province)).body.items.find(
      (i) => i.outTradeNo === 'KWSTRANGER0001',
    );
    expect(stranger).toBeDefined();
    const countyOfficial = await insertOfficial(server.db, 'county', { countyId: catalog.counties[0]!.countyId });
    const county = (
      await admin.post<{ accessToken: string }>('/api/admin/login', {
        username: countyOfficial.username,
        password: OFFICIAL_PASSWORD,
      })
    ).body.accessToken;
    const path = `/api/admin/payment-exceptions/${stranger!.id}/resolve`;
    expect((await admin.post(path, { reason: '非本平台订单，已核实' }, county)).status).toBe(403);
    expect((await admin.post(path, { reason: '' }, province)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await admin.post(path, { reason: '非本平台订单，已核实' }, province)).status).toBe(200);
    expect((await admin.post(path, { reason: '再次处理' }, province)).body).toMatchObject({ code: 'CONFLICT' });
    const after = (await admin.get<Listed>('/api/admin/payment-exceptions', province)).body.items;
    expect(after.some((i) => i.id === stranger!.id)).toBe(false);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'payment_exception.resolve', entityId: String(stranger!.id) },
    });
    expect(audit?.reason).toBe('非本平台订单，已核实');
  });

  type Difference = {
    kind: string;
    outTradeNo: string;
    outRefundNo?: string;
    ourAmountFen: number | null;
    theirAmountFen: number | null;
  };
  async function reconcileToday(): Promise<Difference[]> {
    const answer = await new ApiClient(server.baseUrl).post<{ differences: Difference[] }>(
      '/api/admin/reconciliations',
      { billDate: beijingDateString(new Date()) },
      province,
    );
    expect(answer.status, answer.text).toBe(200);
    return answer.body.differences;
  }

  async function listedExceptions(outTradeNo: string) {
    const listed = await new ApiClient(server.baseUrl).get<Listed>('/api/admin/payment-exceptions', province);
    return listed.body.items.filter((i) => i.outTradeNo === outTradeNo);
  }

  /** The order's payment exceptions, once listed (waiting up to 5 s for the refund outcome to arrive). */
  async function awaitedExceptions(outTradeNo: string): Promise<Listed['items']> {
    const deadline = Date.now() + 5000;
    let listed = await listedExceptions(outTradeNo);
    while (listed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = await listedExceptions(outTradeNo);
    }
    return listed;
  }

  /** The provincial office settles an exception, having paid the candidate back by bank transfer. */
  function settleByTransfer(exceptionId: number) {
    return new ApiClient(server.baseUrl).post(
      `/api/admin/payment-exceptions/${exceptionId}/resolve`,
      { reason: '已通过银行转账退回考生' },
      province,
    );
  }

  /** Paid, then refunded through the candidate's refund request, WeChat Pay confirming. */
  async function refundedOrder() {
    const booked = await paidOrder();
    const asked = await booked.api.post('/api/payments/refunds', {
      outTradeNo: booked.outTradeNo,
      reason: '考试时间冲突',
    });
    expect(asked.status, asked.text).toBe(200);
    await waitForOrder(server, booked.outTradeNo, 'refunded');
    const [refund] = (await server.simulator.payOrder(booked.outTradeNo)).refunds;
    return { ...booked, outRefundNo: refund!.outRefundNo };
  }

  it('matches a refund that is in the trade bill: neither the payment nor the refund is listed', async () => {
    const refunded = await refundedOrder();
    const differences = await reconcileToday();
    expect(differences.filter((d) => d.outTradeNo === refunded.outTradeNo)).toEqual([]);
    expect(await listedExceptions(refunded.outTradeNo)).toEqual([]);
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });

  it('lists a refund WeChat Pay made that we have no record of, once however often it runs', async () => {
    const paid = await paidOrder();
    await server.simulator.paySwitches({
      billRefundExtra: [
        {
          outRefundNo: 'RFWXMANUAL0001',
          outTradeNo: paid.outTradeNo,
          refundId: '50300000000000000001',
          refundFen: paid.amountFen,
          date: beijingDateString(new Date()),
        },
      ],
    });
    try {
      expect(await reconcileToday()).toContainEqual({
        kind: 'bill_refund_missing_here',
        outTradeNo: paid.outTradeNo,
        outRefundNo: 'RFWXMANUAL0001',
        ourAmountFen: null,
        theirAmountFen: paid.amountFen,
      });
      await reconcileToday();
      expect(await listedExceptions(paid.outTradeNo)).toEqual([
        expect.objectContaining({
          kind: 'bill_refund_missing_here',
          details: '微信支付账单有此笔退款（RFWXMANUAL0001），本系统无退款成功记录',
        }),
      ]);
    } finally {
      await server.simulator.paySwitches({ billRefundExtra: [] });
    }
  });

  it('lists our successful refund that the trade bill does not show', async () => {
    const refunded = await refundedOrder();
    await server.simulator.paySwitches({ billOmit: [refunded.outRefundNo] });
    try {
      expect((await reconcileToday()).filter((d) => d.outTradeNo === refunded.outTradeNo)).toEqual([
        {
          kind: 'bill_refund_missing_there',
          outTradeNo: refunded.outTradeNo,
          outRefundNo: refunded.outRefundNo,
          ourAmountFen: refunded.amountFen,
          theirAmountFen: null,
        },
      ]);
      expect((await listedExceptions(refunded.outTradeNo)).map((i) => i.details)).toEqual([
        `本系统记为已退款（${refunded.outRefundNo}），微信支付账单无此笔退款`,
      ]);
    } finally {
      await server.simulator.paySwitches({ billOmit: [] });
    }
  });

  it('lists a refund whose amount differs between the trade bill and our records', async () => {
    const refunded = await refundedOrder();
    const theirs = Math.floor(refunded.amountFen / 2);
    await server.simulator.paySwitches({ billRefundAmounts: { [refunded.outRefundNo]: theirs } });
    try {
      expect((await reconcileToday()).filter((d) => d.outTradeNo === refunded.outTradeNo)).toEqual([
        {
          kind: 'bill_refund_amount_mismatch',
          outTradeNo: refunded.outTradeNo,
          outRefundNo: refunded.outRefundNo,
          ourAmountFen: refunded.amountFen,
          theirAmountFen: theirs,
        },
      ]);
      expect(await listedExceptions(refunded.outTradeNo)).toEqual([
        expect.objectContaining({ kind: 'bill_refund_amount_mismatch', ourAmountFen: refunded.amountFen }),
      ]);
    } finally {
      await server.simulator.paySwitches({ billRefundAmounts: {} });
    }
  });

  it('does not expect in the bill an abnormal refund the office paid back another way', async () => {
    const booked = await paidOrder();
    await server.simulator.paySwitches({ refundOutcome: 'ABNORMAL' });
    try {
      await booked.api.post('/api/payments/refunds', { outTradeNo: booked.outTradeNo, reason: '考试时间冲突' });
      const abnormal = await awaitedExceptions(booked.outTradeNo);
      expect(abnormal).toEqual([expect.objectContaining({ kind: 'refund_abnormal' })]);
      const settled = await settleByTransfer(abnormal[0]!.id);
      expect(settled.status).toBe(200);
      expect((await reconcileToday()).filter((d) => d.outTradeNo === booked.outTradeNo)).toEqual([]);
      expect(await listedExceptions(booked.outTradeNo)).toEqual([]);
    } finally {
      await server.simulator.paySwitches({ refundOutcome: 'SUCCESS' });
    }
  });

  it('runs the daily reconciliation for yesterday once, after 10:30', async () => {
    const at = new Date(`${beijingDateString(new Date())}T11:00:00+08:00`);
    const first = await runDueReconciliation(server.services, at);
    const second = await runDueReconciliation(server.services, at);
    expect([first, second]).toEqual([true, false]);
    expect(
      await runDueReconciliation(server.services, new Date(`${beijingDateString(new Date())}T09:00:00+08:00`)),
    ).toBe(false);
  });

  it('shows an ABNORMAL refund to officials, keeps the seats until they settle it, then releases them', async () => {
    const booked = await paidOrder();
    await server.simulator.paySwitches({ refundOutcome: 'ABNORMAL' });
    try {
      await booked.api.post('/api/payments/refunds', { outTradeNo: booked.outTradeNo, reason: '考试时间冲突' });
      const items = await awaitedExceptions(booked.outTradeNo);
      expect(items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'refund_abnormal', outTradeNo: booked.outTradeNo })]),
      );
      const order = await server.db.models.PaymentOrder.findOne({
        where: { outTradeNo: booked.outTradeNo },
        rejectOnEmpty: true,
      });
      expect(order.state).toBe('refunding');
      expect(
        await server.db.models.BookingItem.count({
          where: { paymentOrderId: order.id, state: 'refunding', active: 1 },
        }),
      ).toBe(1);
      expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');

      // The office pays the money back by bank transfer and settles it: the seat is released, the order refunded.
      const exception = items.find((i) => i.outTradeNo === booked.outTradeNo)!;
      const settled = await settleByTransfer(exception.id);
      expect(settled.status).toBe(200);
      await order.reload();
      expect(order.state).toBe('refunded');
      expect(await server.db.models.BookingItem.count({ where: { paymentOrderId: order.id, state: 'refunded' } })).toBe(
        1,
      );
      expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
      expect(JSON.stringify(await checkSeats(server.db, catalog.periodId))).toBe('[]');
    } finally {
      await server.simulator.paySwitches({ refundOutcome: 'SUCCESS' });
    }
  });

  it('refuses a candidate refund after the deadline', async () => {
    const booked = await paidOrder();
    await server.db.models.ExamPeriod.update(
      { refundDeadline: new Date('2026-01-01T00:00:00Z') },
      { where: { id: catalog.periodId } },
    );
    try {
      const answer = await booked.api.post('/api/payments/refunds', {
        outTradeNo: booked.outTradeNo,
        reason: '不想考了',
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        code: 'REFUND_NOT_ALLOWED',
        message: '不能退费：退费已于2026年1月1日 08:00截止',
      });
    } finally {
      await server.db.models.ExamPeriod.update(
        { refundDeadline: new Date(Date.now() + 30 * 86_400_000) },
        { where: { id: catalog.periodId } },
      );
    }
  });

  it('works in platform-certificate mode: certificates fetched, decrypted and checked on first use', async () => {
    await server.simulator.paySwitches({ platformMode: 'certificate' });
    try {
      const booked = await paidOrder();
      const serials = Object.keys(server.services.wechatPay.config.platformPublicKeys);
      expect(serials).toContain(server.simulatorOptions.pay.merchant.platformCertificateSerial);
      expect((await server.db.models.PaymentOrder.findOne({ where: { outTradeNo: booked.outTradeNo } }))!.state).toBe(
        'paid',
      );
    } finally {
      await server.simulator.paySwitches({ platformMode: 'publicKey' });
    }
  });

  it("retries a notification on WeChat's schedule until it is answered", async () => {
    // A notify URL that fails twice, then answers 204.
    let calls = 0;
    const receiver = http.createServer((req, res) => {
      calls += 1;
      req.resume();
      res.statusCode = calls <= 2 ? 500 : 204;
      res.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
    const original = server.services.wechatPay.config.notifyUrl;
    try {
      server.services.wechatPay.config.notifyUrl = url;
      await server.simulator.paySwitches({ retryScale: 0.002 }); // 15 s → 30 ms
      const booked = await holdAndConfirm(server, catalog, 1);
      await booked.api.post('/api/payments', {
        outTradeNo: booked.outTradeNo,
        channel: 'native',
        idCardNo: booked.candidate.idCardNo,
      });
      await server.simulator.scan(booked.outTradeNo);
      const deadline = Date.now() + 5000;
      while (calls < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(calls).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(3);
    } finally {
      server.services.wechatPay.config.notifyUrl = original;
      await server.simulator.paySwitches({ retryScale: 1 });
      receiver.close();
    }
  });
});
