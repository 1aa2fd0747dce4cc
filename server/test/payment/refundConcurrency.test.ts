import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { checkMoney } from '../../src/modules/payment/checkMoney';
import { insertBookingCatalog, type BookingCatalog } from '../support/bookingCatalog';
import { holdAndConfirm, payByScan, waitForOrder } from '../support/bookingFlows';
import { startTestServer, type TestServer } from '../support/testApp';

/** Refunds of different orders settle side by side: no order's refund waits on, or deadlocks with, another's. */
describe('concurrent refunds', () => {
  let server: TestServer;
  let catalog: BookingCatalog;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertBookingCatalog(server.db, { capacity: 100, counties: 1 });
  });
  afterEach(async () => {
    expect(JSON.stringify(await checkMoney(server.db))).toBe('[]');
  });
  afterAll(() => server.close());

  it('20 orders refunded at once with 10 clicks each: no 500, to the candidates or to WeChat Pay', async () => {
    const paid = [];
    for (let i = 0; i < 20; i++) {
      const booked = await holdAndConfirm(server, catalog, 2);
      await payByScan(server, booked);
      paid.push(booked);
    }
    const deliveriesBefore = (await server.simulator.deliveries()).length;
    const answers = await Promise.all(
      paid.flatMap((booked) =>
        Array.from({ length: 10 }, () =>
          booked.api.post<{ outRefundNo: string }>('/api/payments/refunds', {
            outTradeNo: booked.outTradeNo,
            reason: '时间冲突，无法参加考试',
          }),
        ),
      ),
    );
    expect(answers.filter((a) => a.status !== 200).map((a) => a.text)).toEqual([]);
    for (const booked of paid) await waitForOrder(server, booked.outTradeNo, 'refunded');
    // Every refund notification was taken at its first delivery.
    const refundDeliveries = (await server.simulator.deliveries())
      .slice(deliveriesBefore)
      .filter((d) => d.eventType === 'REFUND.SUCCESS');
    expect(refundDeliveries.filter((d) => d.status !== 204)).toEqual([]);
    expect(await checkSeats(server.db, catalog.periodId)).toEqual([]);
  }, 120_000);
});
