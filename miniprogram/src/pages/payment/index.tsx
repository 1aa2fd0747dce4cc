import { checkAnyDocumentNo, formatBeijing, PAYMENT_ORDER_STATE_LABELS } from '@kaowei/shared';
import { Button, Image, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { TextField } from '../../components/TextField';
import { useLoadOnShow } from '../../components/useLoad';
import { useIntervalWhile, usePageVisible } from '../../components/usePageVisible';
import { bookingApi } from '../../booking/bookingApi';
import { loadOrderSummary } from '../../booking/orderSummary';
import { PaymentCancelled, wechat } from '../../platform/wechat';
import '../../booking/booking.css';

const POLL_MS = 2000;

/** 缴费: check the order, type the ID number again, then pay in WeChat or scan the QR code (the web channel's only way). */
export default function PaymentPage() {
  const { params } = useRouter();
  // Changing between in-app payment and the QR code renumbers the order: follow the server's number.
  const [outTradeNo, setOutTradeNo] = useState(params.outTradeNo ?? '');
  const load = useCallback(() => loadOrderSummary(outTradeNo), [outTradeNo]);
  const { state, reload } = useLoadOnShow(load);
  const [idCardNo, setIdCardNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [qr, setQr] = useState<{ image: string; expiresAt: string } | null>(null);
  // Set once the order is seen paid (or closed), so no second poll sends the candidate to the result page again.
  const [settled, setSettled] = useState(false);
  const visible = usePageVisible();

  const toResult = useCallback(
    (no: string) => void Taro.redirectTo({ url: `/pages/payment-result/index?outTradeNo=${no}` }),
    [],
  );

  // While the QR code is up (and the page on screen), watch the order like the provincial page does, and move on
  // once it is paid.
  const checkOrder = useCallback(() => {
    bookingApi.order(outTradeNo).then(
      (o) => {
        if (o.state !== 'created') {
          setSettled(true);
          toResult(outTradeNo);
        }
      },
      () => undefined,
    );
  }, [outTradeNo, toResult]);
  useIntervalWhile(qr !== null && visible && !settled, checkOrder, POLL_MS);

  const pay = async (channel: 'native' | 'jsapi') => {
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) {
      setError(`证件号码不正确：${id.reason}`);
      return;
    }
    setError(null);
    setCancelled(false);
    setBusy(true);
    try {
      const answer = await bookingApi.pay({ outTradeNo, channel, idCardNo: id.documentNo });
      setOutTradeNo(answer.outTradeNo);
      if (answer.channel === 'native') {
        setQr({ image: answer.qrCode, expiresAt: answer.expiresAt });
        return;
      }
      await wechat.requestPayment({
        outTradeNo: answer.outTradeNo,
        amountYuan: answer.amountYuan,
        requestPayment: answer.requestPayment,
      });
      toResult(answer.outTradeNo);
    } catch (e) {
      // Backing out of the payment sheet is no error: the order simply stays unpaid.
      if (e instanceof PaymentCancelled) setCancelled(true);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page payment-page">
      <PageState state={state} onRetry={reload} isEmpty={(s) => s === null} empty="未找到该缴费订单">
        {(summary) => {
          const { order, period, items } = summary!;
          return (
            <>
              <View className="card order-card">
                <View className="card-title">订单信息</View>
                <View className="period-row">
                  <View className="period-label">订单号</View>
                  <View className="period-value" id="order-no">
                    {outTradeNo}
                  </View>
                </View>
                <View className="period-row">
                  <View className="period-label">考次</View>
                  <View className="period-value">{period.periodName}</View>
                </View>
                <View className="period-row">
                  <View className="period-label">考区</View>
                  <View className="period-value">{period.countyName}</View>
                </View>
                {items.map((item) => (
                  <View className="summary-row" key={item.itemId}>
                    <View>
                      {item.courseCode} {item.courseName}
                    </View>
                    <View className="hint">{item.unitLabel}</View>
                  </View>
                ))}
                <View className="row summary-total">
                  <View>共 {items.length} 门课程</View>
                  <View id="order-amount">应缴 ¥{order.amountYuan}</View>
                </View>
                <View className="badge">{PAYMENT_ORDER_STATE_LABELS[order.state]}</View>
              </View>
              {order.state !== 'created' ? (
                <Button className="btn-primary" onClick={() => toResult(outTradeNo)}>
                  查看缴费结果
                </Button>
              ) : qr ? (
                <View className="card qr-card">
                  <View className="card-title">扫码支付</View>
                  <View className="hint">请使用微信“扫一扫”扫描下方二维码完成支付。</View>
                  <Image id="pay-qr-code" className="qr-code" src={qr.image} mode="aspectFit" />
                  <View className="hint">二维码有效至 {formatBeijing(qr.expiresAt)}，支付成功后本页自动跳转。</View>
                  <Button id="paid-done" className="btn-primary" onClick={() => toResult(outTradeNo)}>
                    我已完成支付
                  </Button>
                </View>
              ) : (
                <View className="card">
                  <View className="card-title">身份校验</View>
                  <TextField
                    id="pay-id-card"
                    label="证件号码"
                    placeholder="请再次输入本人证件号码"
                    type="text"
                    maxlength={18}
                    value={idCardNo}
                    onInput={setIdCardNo}
                  />
                  {error && <View className="error-text pay-error">{error}</View>}
                  {cancelled && <View className="hint pay-cancelled">已取消支付，订单尚未缴费。</View>}
                  {wechat.available && (
                    <Button
                      id="pay-wechat"
                      className="btn-primary"
                      disabled={busy || undefined}
                      onClick={() => void pay('jsapi')}
                    >
                      微信支付
                    </Button>
                  )}
                  {/* On the web channel the QR code is the only way: the phone's WeChat scans it. */}
                  <Button
                    id="pay-native"
                    className={wechat.available ? 'btn-secondary' : 'btn-primary'}
                    disabled={busy || undefined}
                    onClick={() => void pay('native')}
                  >
                    扫码支付
                  </Button>
                </View>
              )}
            </>
          );
        }}
      </PageState>
    </View>
  );
}
