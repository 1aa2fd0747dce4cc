import { QueryTypes } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { settlePayments } from '../../src/modules/payment/settlePayments';
import { holdAndConfirm, waitForOrder } from '../support/bookingFlows';
import { paymentSuite } from '../support/paymentSuite';

/** Rule 12 for money that lands on a number the order no longer uses (renumbered for another channel). */
describe('payments on a renumbered order', () => {
  const suite = paymentSuite({ capacity: 50 });

  /** A confirmed order of a candidate with a linked WeChat, and how they ask to pay it on a channel. */
  async function linkedOrder() {
    const booked = await holdAndConfirm(suite.server, suite.catalog, 1);
    const openid = `openid-${booked.candidate.candidateId}`;
    await suite.server.db.models.Candidate.update(
      { wechatOpenid: openid },
      { where: { id: booked.candidate.candidateId } },
    );
    const pay = (channel: string) =>
      booked.api.post<{ outTradeNo: string }>('/api/payments', {
        outTradeNo: booked.outTradeNo,
        channel,
        idCardNo: booked.candidate.idCardNo,
      });
    return { booked, openid, pay };
  }

  /** In-app payment first, then the QR code: the first number is closed and retired. */
  async function renumbered() {
    const { booked, openid, pay } = await linkedOrder();
    expect((await pay('jsapi')).status).toBe(200);
    const scan = await pay('native');
    expect(scan.status, scan.text).toBe(200);
    expect(scan.body.outTradeNo).not.toBe(booked.outTradeNo);
    const order = await suite.server.db.models.PaymentOrder.findOne({
      where: { outTradeNo: scan.body.outTradeNo },
      rejectOnEmpty: true,
    });
    return { ...booked, order, openid, old: booked.outTradeNo, current: scan.body.outTradeNo };
  }

  /** The payer confirmed the in-app payment just as it was closed: WeChat Pay reports it on the old number. */
  const payOld = (o: { old: string; openid: string }) => suite.server.simulator.scan(o.old, o.openid, true);

  const until = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const refundsOf = (orderId: number) =>
    suite.server.db.sequelize.query<{ out_trade_no: string | null; kind: string; state: string; amount_fen: number }>(
      'SELECT out_trade_no, kind, state, amount_fen FROM refunds WHERE payment_order_id = ? ORDER BY id',
      { replacements: [orderId], type: QueryTypes.SELECT },
    );

  it('counts a payment that lands on the old number: the order is paid, the unpaid number closed', async () => {
    const o = await renumbered();
    const deliveries = (await suite.server.simulator.deliveries()).length;
    await payOld(o);
    await waitForOrder(suite.server, o.old, 'paid');
    const answered = async () => (await suite.server.simulator.deliveries()).slice(deliveries).map((d) => d.status);
    await until(async () => (await answered()).length > 0);
    expect(await answered()).toEqual([204]);
    await o.order.reload();
    expect(o.order.outTradeNo).toBe(o.old);
    const items = await suite.server.db.models.BookingItem.findAll({ where: { paymentOrderId: o.order.id } });
    expect(items.map((i) => i.state)).toEqual(['paid']);
    // The QR code can no longer be paid, and either number polls as paid.
    await until(async () => (await suite.server.simulator.payOrder(o.current)).tradeState === 'CLOSED');
    for (const no of [o.old, o.current])
      expect((await o.api.get(`/api/payments/${no}`)).body).toMatchObject({ outTradeNo: o.old, state: 'paid' });
    // A refund returns the money from the number that received it.
    const refund = await o.api.post('/api/payments/refunds', { outTradeNo: o.old, reason: '考试时间冲突' });
    expect(refund.status, refund.text).toBe(200);
    await waitForOrder(suite.server, o.old, 'refunded');
    expect((await suite.server.simulator.payOrder(o.old)).refunds).toEqual([
      expect.objectContaining({ status: 'SUCCESS', amount: 3500 }),
    ]);
  });

  it('refunds a second payment on the old number automatically, lists it, and check:money counts it', async () => {
    const o = await renumbered();
    await suite.server.simulator.scan(o.current);
    await waitForOrder(suite.server, o.current, 'paid');
    await payOld(o);
    await until(async () => (await refundsOf(o.order.id)).some((r) => r.state === 'success'));
    expect(await refundsOf(o.order.id)).toEqual([
      { out_trade_no: o.old, kind: 'duplicate', state: 'success', amount_fen: 3500 },
    ]);
    expect((await suite.server.simulator.payOrder(o.old)).refunds).toEqual([
      expect.objectContaining({ status: 'SUCCESS', amount: 3500 }),
    ]);
    expect((await suite.server.simulator.payOrder(o.current)).refunds).toEqual([]);
    // The order, paid once, keeps its seat.
    await o.order.reload();
    expect(o.order.state).toBe('paid');
    const items = await suite.server.db.models.BookingItem.findAll({ where: { paymentOrderId: o.order.id } });
    expect(items.map((i) => [i.state, i.active])).toEqual([['paid', 1]]);
    const [listed] = await suite.server.db.sequelize.query<{ kind: string; details: string }>(
      'SELECT kind, details FROM payment_exceptions WHERE out_trade_no = ?',
      { replacements: [o.current], type: QueryTypes.SELECT },
    );
    expect(listed).toMatchObject({ kind: 'duplicate_payment_refund', details: expect.stringContaining(o.old) });
    const mine = await o.api.get<{ periods: Array<{ orders: Array<{ outTradeNo: string; refunds: unknown[] }> }> }>(
      '/api/booking/mine',
    );
    expect(mine.body.periods[0]!.orders[0]).toMatchObject({
      outTradeNo: o.current,
      refunds: [{ kind: 'duplicate', state: 'success' }],
    });
    // Were that refund lost, check:money would name the old number.
    await suite.server.db.sequelize.query(`UPDATE refunds SET state = 'closed' WHERE out_trade_no = ?`, {
      replacements: [o.old],
    });
    await suite.server.db.sequelize.query('UPDATE payment_exceptions SET resolved_at = ? WHERE out_trade_no = ?', {
      replacements: [new Date(), o.current],
    });
    expect(await checkMoney(suite.server.db)).toEqual([
      { outTradeNo: o.old, problem: 'received 3500 fen on a retired number, refunded 0' },
    ]);
    await suite.server.db.sequelize.query(`UPDATE refunds SET state = 'success' WHERE out_trade_no = ?`, {
      replacements: [o.old],
    });
  });

  it('10 renumbered orders paid on the old number, 5 of them on both at once: all paid once, 5 refunded', async () => {
    const orders: Array<Awaited<ReturnType<typeof renumbered>>> = [];
    for (let i = 0; i < 10; i++) orders.push(await renumbered());
    const deliveries = (await suite.server.simulator.deliveries()).length;
    await suite.server.simulator.paySwitches({ duplicates: 3, reorder: true });
    try {
      await Promise.all(
        orders.map((o, i) => (i < 5 ? Promise.all([payOld(o), suite.server.simulator.scan(o.current)]) : payOld(o))),
      );
      for (const o of orders) await until(async () => (await o.order.reload()).state === 'paid');
      await until(async () => {
        const refunds = await Promise.all(orders.slice(0, 5).map((o) => refundsOf(o.order.id)));
        return refunds.every((r) => r.length === 1 && r[0]!.state === 'success');
      });
    } finally {
      await suite.server.simulator.paySwitches({ duplicates: 1, reorder: false });
    }
    for (const [i, o] of orders.entries()) {
      const items = await suite.server.db.models.BookingItem.findAll({ where: { paymentOrderId: o.order.id } });
      expect(items.map((item) => item.state)).toEqual(['paid']);
      expect(await refundsOf(o.order.id)).toHaveLength(i < 5 ? 1 : 0);
    }
    // 15 payments, each delivered 3 times, all taken at once (the refund results come on top).
    const answered = async () =>
      (await suite.server.simulator.deliveries())
        .slice(deliveries)
        .filter((d) => d.eventType === 'TRANSACTION.SUCCESS');
    await until(async () => (await answered()).length === 45);
    expect((await answered()).filter((d) => d.status !== 204)).toEqual([]);
  }, 60_000);

  it('settles a payment on an old number whose notification never came, and closes old numbers', async () => {
    const paidLate = await renumbered();
    const unpaid = await renumbered();
    await suite.server.simulator.paySwitches({ drop: true });
    try {
      await payOld(paidLate);
    } finally {
      await suite.server.simulator.paySwitches({ drop: false });
    }
    await settlePayments(suite.server.services, new Date(), 0);
    await waitForOrder(suite.server, paidLate.old, 'paid');
    const closed = await suite.server.db.sequelize.query<{ out_trade_no: string; closed_at: Date | null }>(
      'SELECT out_trade_no, closed_at FROM retired_trade_numbers WHERE out_trade_no IN (?)',
      { replacements: [[unpaid.old, paidLate.current]], type: QueryTypes.SELECT },
    );
    expect(closed.map((c) => [c.out_trade_no, c.closed_at !== null]).sort()).toEqual(
      [
        [unpaid.old, true],
        [paidLate.current, true],
      ].sort(),
    );
    expect((await suite.server.simulator.payOrder(paidLate.current)).tradeState).toBe('CLOSED');
  });

  it('counts a retired number WeChat Pay never heard of as closed, so it leaves the settlement job', async () => {
    const booked = await holdAndConfirm(suite.server, suite.catalog, 1);
    const never = `${booked.outTradeNo.slice(0, -4)}N000`;
    const at = new Date();
    await suite.server.db.sequelize.query(
      `INSERT INTO retired_trade_numbers (payment_order_id, out_trade_no, created_at, updated_at)
       SELECT id, ?, ?, ? FROM payment_orders WHERE out_trade_no = ?`,
      { replacements: [never, at, at, booked.outTradeNo] },
    );
    await settlePayments(suite.server.services, new Date(), 0);
    const [row] = await suite.server.db.sequelize.query<{ closed_at: Date | null }>(
      'SELECT closed_at FROM retired_trade_numbers WHERE out_trade_no = ?',
      { replacements: [never], type: QueryTypes.SELECT },
    );
    expect(row!.closed_at).not.toBeNull();
  });

  it('tells the candidate WeChat Pay is unavailable when closing the first order fails, and keeps the number', async () => {
    const { booked, pay } = await linkedOrder();
    expect((await pay('jsapi')).status).toBe(200);
    await suite.server.simulator.paySwitches({ systemErrorNext: ['close'] });
    const failed = await pay('native');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR', message: '微信支付暂时不可用，请稍后再试' });
    const scan = await pay('native');
    expect(scan.status, scan.text).toBe(200);
    expect(scan.body.outTradeNo).not.toBe(booked.outTradeNo);
  });
});
