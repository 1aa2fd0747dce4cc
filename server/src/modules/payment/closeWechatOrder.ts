import type { PaymentDeps } from './deps';
import { recordPayment } from './recordPayment';
import { PayApiError } from './wechatPayClient';

/**
 * Makes sure a WeChat order can no longer be paid: query first, close unless it is already paid or closed,
 * then query again. A payment that beat the close is recorded ('paid'); otherwise the order is 'closed'.
 */
export async function closeWechatOrder(deps: PaymentDeps, outTradeNo: string): Promise<'paid' | 'closed'> {
  let report = await deps.wechatPay.query(outTradeNo);
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
