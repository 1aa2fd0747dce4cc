import { bookingApi, type MyItem, type MyOrder, type MyPeriod } from './bookingApi';

export interface OrderSummary {
  period: MyPeriod;
  order: MyOrder;
  /** The courses this order pays for. */
  items: MyItem[];
}

/** The order with its period and courses, from 我的报考 (the one place that links them). */
export async function loadOrderSummary(outTradeNo: string): Promise<OrderSummary | null> {
  const periods = await bookingApi.mine();
  for (const period of periods) {
    const order = period.orders.find((o) => o.outTradeNo === outTradeNo);
    if (!order) continue;
    // One order per confirmation: while unpaid its courses are the confirmed ones, once paid the paid ones.
    const states =
      order.state === 'created' ? ['confirmed'] : order.state === 'paid' ? ['paid'] : ['refunding', 'refunded'];
    return { period, order, items: period.items.filter((i) => i.paymentOrderId !== null && states.includes(i.state)) };
  }
  return null;
}
