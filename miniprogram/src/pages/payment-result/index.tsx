import { PAYMENT_ORDER_STATE_LABELS, type PaymentOrderState } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { bookingApi } from '../../booking/bookingApi';
import { loadOrderSummary, type OrderSummary } from '../../booking/orderSummary';
import { usePageVisible } from '../../components/usePageVisible';
import { BOOKING_TAB } from '../../services/pages';
import '../../booking/booking.css';

const POLL_MS = 1500;
/** WeChat's notification usually lands within seconds; after this the page stops asking and offers a refresh. */
const GIVE_UP_MS = 60_000;

type Phase =
  | { kind: 'waiting' }
  | { kind: 'slow' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; state: PaymentOrderState };

/** 缴费结果: polls the order until WeChat Pay's notification has landed, then shows 已缴费 / 已确认. */
export default function PaymentResultPage() {
  const { params } = useRouter();
  const outTradeNo = params.outTradeNo ?? '';
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting' });
  const [summary, setSummary] = useState<OrderSummary | null>(null);
  const [round, setRound] = useState(0);
  const visible = usePageVisible();

  useEffect(() => {
    if (!visible) return;
    let stopped = false;
    const started = Date.now();
    setPhase({ kind: 'waiting' });
    const poll = async () => {
      if (stopped) return;
      try {
        const order = await bookingApi.order(outTradeNo);
        if (order.state !== 'created') {
          setSummary(await loadOrderSummary(outTradeNo));
          if (!stopped) setPhase({ kind: 'done', state: order.state });
          return;
        }
      } catch (error) {
        if (!stopped) setPhase({ kind: 'failed', message: (error as Error).message });
        return;
      }
      if (Date.now() - started > GIVE_UP_MS) setPhase({ kind: 'slow' });
      else setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [outTradeNo, round, visible]);

  const retry = useCallback(() => setRound((r) => r + 1), []);

  return (
    <View className="page payment-result-page">
      {phase.kind === 'waiting' && <View className="page-state">正在查询缴费结果…</View>}
      {phase.kind === 'slow' && (
        <View className="page-state">
          <View className="page-state-message">暂未查询到缴费结果。如已支付，请稍后刷新。</View>
          <Button className="btn-secondary" size="mini" onClick={retry}>
            刷新
          </Button>
        </View>
      )}
      {phase.kind === 'failed' && (
        <View className="page-state">
          <View className="page-state-message">{phase.message}</View>
          <Button className="btn-secondary" size="mini" onClick={retry}>
            重新加载
          </Button>
        </View>
      )}
      {phase.kind === 'done' && (
        <View className="card result-card">
          <View className="card-title">{phase.state === 'paid' ? '缴费成功，本次报考完成' : '订单状态'}</View>
          {phase.state === 'paid' ? (
            <View className="result-badges" id="result-badges">
              <View className="badge badge-success">已缴费</View>
              <View className="badge badge-success">已确认</View>
            </View>
          ) : (
            <View className="result-badges">
              <View className="badge badge-warning">{PAYMENT_ORDER_STATE_LABELS[phase.state]}</View>
            </View>
          )}
          {summary && (
            <>
              <View className="hint">
                {summary.period.periodName} · {summary.period.countyName}
              </View>
              {summary.items.map((item) => (
                <View className="summary-row" key={item.itemId}>
                  <View className="row">
                    <View>
                      {item.courseCode} {item.courseName}
                    </View>
                    <View className="badge badge-success">{item.stateLabel}</View>
                  </View>
                  <View className="hint">{item.unitLabel}</View>
                </View>
              ))}
              <View className="row summary-total">
                <View>实缴金额</View>
                <View>¥{summary.order.amountYuan}</View>
              </View>
            </>
          )}
          <Button className="btn-primary" onClick={() => void Taro.redirectTo({ url: '/pages/my-bookings/index' })}>
            查看我的报考
          </Button>
          <Button className="btn-secondary" onClick={() => void Taro.switchTab({ url: BOOKING_TAB })}>
            返回报考
          </Button>
        </View>
      )}
    </View>
  );
}
