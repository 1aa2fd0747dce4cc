import { closeWechatOrder } from './closeWechatOrder';
import type { PaymentDeps } from './deps';
import type { PaymentOrder } from './models';
import { newOutTradeNo } from '../booking/outTradeNo';
import { retireNumber } from './tradeNumbers';

/**
 * WeChat Pay refuses an out_trade_no placed again with other parameters (OUT_TRADE_NO_USED), so a candidate
 * who turns from in-app payment to the QR code, or back, gets the first WeChat order closed and the order
 * renumbered. Closing first means the old number can no longer be paid; a payment that arrived before the
 * close is recorded instead ('paid').
 */
export async function switchChannel(deps: PaymentDeps, order: PaymentOrder): Promise<'renumbered' | 'paid'> {
  const previous = order.outTradeNo;
  if ((await closeWechatOrder(deps, previous)) === 'paid') return 'paid';
  const changed = await deps.db.sequelize.transaction(async (transaction) => {
    const [renumbered] = await deps.db.models.PaymentOrder.update(
      { outTradeNo: newOutTradeNo(order.bookingId), channel: null, codeUrl: null, prepayId: null, payerOpenid: null },
      { where: { id: order.id, outTradeNo: previous, state: 'created' }, transaction },
    );
    // The old number is kept: a payment WeChat Pay still reports on it is found and counted (recordPayment).
    if (renumbered) await retireNumber(deps.db, order.id, previous, new Date(), transaction);
    return renumbered;
  });
  await order.reload();
  deps.logger.info({ previous, outTradeNo: order.outTradeNo, changed }, 'payment channel changed: order renumbered');
  return order.state === 'created' ? 'renumbered' : 'paid';
}
