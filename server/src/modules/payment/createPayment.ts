import { formatFen } from '@kaowei/shared';
import QRCode from 'qrcode';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import type { PaymentDeps } from './deps';
import { rfc3339Beijing } from '../../lib/beijingTime';
import { assertPaymentOpen } from './paymentWindow';
import { switchChannel } from './switchChannel';
import { orderIdOfNumber } from './tradeNumbers';
import { PayApiError } from './wechatPayClient';

export interface CreatePaymentInput {
  outTradeNo: string;
  channel: 'native' | 'jsapi';
  idCardNo: string;
}

/**
 * 缴费: after the ID number is typed again, the confirmed order goes to WeChat Pay — as a QR code to
 * scan (Native) or as wx.requestPayment parameters (JSAPI). Asking again for the same unpaid order
 * gives the same WeChat order, never a second one: out_trade_no and its parameters stay the same.
 * Changing between the two closes the first WeChat order and renumbers ours (switchChannel): the answer's
 * outTradeNo is the one to pay and to poll.
 */
export async function createPayment(
  deps: PaymentDeps,
  candidate: Candidate,
  input: CreatePaymentInput,
  now = new Date(),
) {
  if (deps.vault.hash(input.idCardNo) !== candidate.idCardHash) throw new AppError('ID_CARD_MISMATCH');
  const order = await deps.db.models.PaymentOrder.findOne({
    where: { outTradeNo: input.outTradeNo, candidateId: candidate.id },
  });
  if (!order) throw new AppError('NOT_FOUND', { what: '缴费订单' });
  if (order.state !== 'created') {
    throw new AppError('ORDER_NOT_PAYABLE', { reason: order.state === 'paid' ? '已缴费' : '订单已关闭，请重新报考' });
  }
  const released = await deps.db.models.BookingItem.count({ where: { paymentOrderId: order.id, state: 'released' } });
  if (released > 0) throw new AppError('ORDER_NOT_PAYABLE', { reason: '未在规定时间内缴费，考位已释放，请重新报考' });
  const period = await deps.db.models.ExamPeriod.findByPk(order.periodId, { rejectOnEmpty: true });
  const cutOff = assertPaymentOpen(period, now);
  if (input.channel === 'jsapi' && !candidate.wechatOpenid) throw new AppError('WECHAT_NOT_LINKED');
  // A provider failure while closing the old order (a change of channel) or placing this one reads the same.
  try {
    if (order.channel && order.channel !== input.channel && (await switchChannel(deps, order)) === 'paid') {
      throw new AppError('ORDER_NOT_PAYABLE', { reason: '已缴费' });
    }
    // The same day keeps the same time_expire, so a repeated request has identical parameters.
    const timeExpire = order.timeExpire && order.timeExpire > now ? order.timeExpire : cutOff;
    const description = `自学考试${period.name}报考费`;
    const common = {
      outTradeNo: order.outTradeNo,
      description,
      totalFen: order.amountFen,
      timeExpire: rfc3339Beijing(timeExpire),
    };
    if (input.channel === 'native') {
      const codeUrl = await deps.wechatPay.native(common);
      await order.update({ channel: 'native', codeUrl, timeExpire });
      return {
        outTradeNo: order.outTradeNo,
        amountFen: order.amountFen,
        amountYuan: formatFen(order.amountFen),
        channel: 'native' as const,
        codeUrl,
        qrCode: await QRCode.toDataURL(codeUrl, { margin: 1, width: 280 }),
        expiresAt: timeExpire,
      };
    }
    const requestPayment = await deps.wechatPay.jsapi({ ...common, openid: candidate.wechatOpenid! });
    await order.update({
      channel: 'jsapi',
      prepayId: requestPayment.package.replace('prepay_id=', ''),
      payerOpenid: candidate.wechatOpenid,
      timeExpire,
    });
    return {
      outTradeNo: order.outTradeNo,
      amountFen: order.amountFen,
      amountYuan: formatFen(order.amountFen),
      channel: 'jsapi' as const,
      requestPayment,
      expiresAt: timeExpire,
    };
  } catch (error) {
    if (error instanceof PayApiError) {
      deps.logger.warn({ err: error, outTradeNo: order.outTradeNo }, 'WeChat Pay refused the order');
      if (error.code === 'ORDERPAID') throw new AppError('ORDER_NOT_PAYABLE', { reason: '已缴费' });
      throw new AppError('PAYMENT_PROVIDER_ERROR');
    }
    throw error;
  }
}

/** The order as the candidate's result page polls it, by any number it had; the answer names the current one. */
export async function paymentStatus(deps: PaymentDeps, candidate: Candidate, outTradeNo: string) {
  const orderId = await orderIdOfNumber(deps.db, outTradeNo);
  const order =
    orderId && (await deps.db.models.PaymentOrder.findOne({ where: { id: orderId, candidateId: candidate.id } }));
  if (!order) throw new AppError('NOT_FOUND', { what: '缴费订单' });
  return { outTradeNo: order.outTradeNo, state: order.state, amountFen: order.amountFen, paidAt: order.paidAt };
}
