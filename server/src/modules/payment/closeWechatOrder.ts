import type { PaymentDeps } from './deps';
import { recordPayment } from './recordPayment';
import { markRetiredClosed } from './tradeNumbers';
import { PayApiError } from './wechatPayClient';

/**
 * Makes sure a WeChat order can no longer be paid: query first, close unless it is already paid or closed,
 * then query again. A payment that beat the close is recorded ('paid'); otherwise, or if WeChat Pay never had
 * the number, the order is 'closed'.
 */
export async function closeWechatOrder(deps: PaymentDeps, outTradeNo: string): Promise<'paid' | 'closed'> {
  let report = await deps.wechatPay.query(outTradeNo);
  // WeChat Pay never had this number (it was retired before it was placed): nothing can be paid on it.
  if (report === null) return 'closed';
  if (report?.trade_state !== 'SUCCESS' && report?.trade_state !== 'CLOSED') {
    await deps.wechatPay.close(outTradeNo).catch((error: unknown) => {
      if (!(error instanceof PayApiError && error.code === 'ORDERPAID')) throw error;
    });
    report = await deps.wechatPay.query(outTradeNo);
  }
  if (report?.trade_state !== 'SUCCESS') return 'closed';
  await recordPayment(deps, report);
  return 'paid';
}

/**
 * Closes a retired number at WeChat Pay and remembers it is closed; money found on it is recorded (and refunded if
 * the order was paid another way). A failure leaves it to the settlement job's next run.
 */
export async function closeRetiredNumber(deps: PaymentDeps, outTradeNo: string, now = new Date()): Promise<void> {
  try {
    if ((await closeWechatOrder(deps, outTradeNo)) === 'closed') await markRetiredClosed(deps.db, outTradeNo, now);
  } catch (error) {
    deps.logger.warn({ err: error, outTradeNo }, 'retired number not closed yet; the settlement job will try again');
  }
}
