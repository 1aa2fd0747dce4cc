import { Op, QueryTypes } from 'sequelize';
import type { PaymentDeps } from './deps';
import { closeRetiredNumber } from './closeWechatOrder';
import { recordPayment } from './recordPayment';
import { finishRefund, sendRefund } from './refunds';
import { openRetiredNumbers } from './tradeNumbers';

/**
 * For notifications that never came: unpaid orders sent to WeChat Pay a few minutes ago are
 * queried, and paid ones recorded (closing unpaid ones is the end-of-day release's, see
 * closeAndRelease); numbers retired by a renumbering are queried and closed, money found on them
 * recorded. Pending refunds are sent again with their own out_refund_no; processing ones are queried.
 */
export async function settlePayments(deps: PaymentDeps, now = new Date(), olderThanMs = 3 * 60_000) {
  const orders = await deps.db.models.PaymentOrder.findAll({
    where: {
      state: 'created',
      channel: { [Op.ne]: null },
      updatedAt: { [Op.lt]: new Date(now.getTime() - olderThanMs) },
    },
    limit: 200,
  });
  let paid = 0;
  for (const order of orders) {
    try {
      const report = await deps.wechatPay.query(order.outTradeNo);
      if (report?.trade_state === 'SUCCESS') {
        await recordPayment(deps, report, now);
        paid += 1;
      }
    } catch (error) {
      deps.logger.warn({ err: error, outTradeNo: order.outTradeNo }, 'payment not settled');
    }
  }
  // Numbers an order no longer uses are queried (and closed) too, until WeChat Pay says they cannot be paid.
  for (const outTradeNo of await openRetiredNumbers(deps.db, new Date(now.getTime() - olderThanMs))) {
    await closeRetiredNumber(deps, outTradeNo, now);
  }
  const refunds = await deps.db.sequelize.query<{ out_refund_no: string; state: string }>(
    `SELECT out_refund_no, state FROM refunds WHERE state IN ('pending', 'processing') AND updated_at < ? LIMIT 200`,
    { replacements: [new Date(now.getTime() - 60_000)], type: QueryTypes.SELECT },
  );
  for (const refund of refunds) {
    try {
      if (refund.state === 'pending') await sendRefund(deps, refund.out_refund_no);
      else {
        const answer = await deps.wechatPay.queryRefund(refund.out_refund_no);
        const status = answer.status ?? answer.refund_status;
        if (status && status !== 'PROCESSING') await finishRefund(deps, answer, status);
      }
    } catch (error) {
      // One refund WeChat Pay answers strangely for does not hold up the others; it is tried again next run.
      deps.logger.warn({ err: error, outRefundNo: refund.out_refund_no }, 'refund not settled');
    }
  }
  return { paid, refundsRetried: refunds.length };
}
