import { describe, expect, it } from 'vitest';
import { checkSeats } from '../../src/modules/booking/checkSeats';
import { holdAndConfirm, payByScan, waitForOrder } from '../support/bookingFlows';
import { paymentSuite } from '../support/paymentSuite';

/** Refunds of different orders settle side by side: no order's refund waits on, or deadlocks with, another's. */
describe('concurrent refunds', () => {
  const suite = paymentSuite({ capacity: 100, counties: 1 });

  it('20 orders refunded at once with 10 clicks each: no 500, to the candidates or to WeChat Pay', async () => {
    const paid = [];
    for (let i = 0; i < 20; i++) {
      const booked = await holdAndConfirm(suite.server, suite.catalog, 2);
      await payByScan(suite.server, booked);
      paid.push(booked);
    }
    const deliveriesBefore = (await suite.server.simulator.deliveries()).length;
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
    for (const booked of paid) await waitForOrder(suite.server, booked.outTradeNo, 'refunded');
    // Every refund notification was taken at its first delivery.
    const refundDeliveries = (await suite.server.simulator.deliveries())
      .slice(deliveriesBefore)
      .filter((d) => d.eventType === 'REFUND.SUCCESS');
    expect(refundDeliveries.filter((d) => d.status !== 204)).toEqual([]);
    expect(await checkSeats(suite.server.db, suite.catalog.periodId)).toEqual([]);
  }, 120_000);
});
