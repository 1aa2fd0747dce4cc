import {
  formatBeijing,
  PAYMENT_ORDER_STATE_LABELS,
  REFUND_KIND_LABELS,
  REFUND_STATE_LABELS,
  type RefundKind,
  type RefundState,
} from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { useIntervalWhile, usePageVisible } from '../../components/usePageVisible';
import { bookingApi, type MyItem, type MyOrder, type MyPeriod, type WaitlistEntryView } from '../../booking/bookingApi';
import { countdown } from '../../booking/format';
import { SignedOut } from '../../booking/SignedOut';
import { BOOKING_TAB } from '../../services/pages';
import { session } from '../../services/session';
import '../../booking/booking.css';

const BADGE: Record<MyItem['state'], string> = {
  held: 'badge-warning',
  confirmed: 'badge-warning',
  paid: 'badge-success',
  refunding: 'badge-warning',
  released: '',
  refunded: '',
};
const ACTOR_LABELS: Record<string, string> = {
  candidate: '本人',
  official: '考办',
  system: '系统',
  wechatpay: '微信支付',
};
const REFRESH_WHILE_REFUNDING_MS = 2000;

/** 我的报考: every period, course, state and history; refunds; the countdown to the release of unpaid seats. */
export default function MyBookingsPage() {
  const load = useCallback(async () => {
    if (!session.get()) return null;
    const [periods, waitlist] = await Promise.all([bookingApi.mine(), bookingApi.waitlist()]);
    return { periods, waitlist };
  }, []);
  const { state, reload } = useLoadOnShow(load);
  const visible = usePageVisible();

  const refunding =
    state.status === 'ready' && !!state.data?.periods.some((p) => p.items.some((i) => i.state === 'refunding'));
  useIntervalWhile(refunding && visible, reload, REFRESH_WHILE_REFUNDING_MS);

  return (
    <View className="page my-bookings-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(mine) => mine !== null && mine.periods.length === 0 && mine.waitlist.length === 0}
        empty={
          <View>
            <View className="page-state-message">暂无报考记录</View>
            <Button className="btn-primary" onClick={() => void Taro.switchTab({ url: BOOKING_TAB })}>
              去报考
            </Button>
          </View>
        }
      >
        {(mine) =>
          mine === null ? (
            <SignedOut />
          ) : (
            <>
              {mine.periods.map((period) => (
                <PeriodBookings key={period.periodId} period={period} onChanged={reload} />
              ))}
              <WaitlistEntries entries={mine.waitlist} onChanged={reload} />
            </>
          )
        }
      </PageState>
    </View>
  );
}

function ReleaseCountdown({ at }: { at: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <View className="card-warning release-countdown">
      <View className="hint">
        未缴费的考位将于 {formatBeijing(at)} 释放，剩余 <View className="countdown">{countdown(at, now)}</View>
      </View>
    </View>
  );
}

function PeriodBookings({ period, onChanged }: { period: MyPeriod; onChanged: () => void }) {
  const [openHistory, setOpenHistory] = useState<number | null>(null);
  // An order stays payable while its confirmed courses still hold their seats (not released at the end of the day).
  const unpaidOrder = period.items.some((i) => i.state === 'confirmed')
    ? period.orders.find((o) => o.state === 'created')
    : undefined;
  return (
    <View className="card period-bookings">
      <View className="card-title">{period.periodName}</View>
      <View className="hint">考区：{period.countyName}</View>
      {period.unpaidReleaseAt && <ReleaseCountdown at={period.unpaidReleaseAt} />}
      {period.items.map((item) => (
        <View className="summary-row booking-item" key={item.itemId}>
          <View className="row">
            <View>
              {item.courseCode} {item.courseName}
            </View>
            <View className={`badge item-state ${BADGE[item.state]}`}>{item.stateLabel}</View>
          </View>
          <View className="hint">
            {item.unitLabel} · {item.countyName}
          </View>
          {item.payBy && (
            <View className="hint waitlist-pay-by">
              候补考位，请于 {formatBeijing(item.payBy)} 前确认并缴费，逾期将转给下一位候补考生
            </View>
          )}
          {(item.state === 'released' || item.state === 'refunded') && (
            <View className="hint seat-released">考位已释放{item.state === 'refunded' ? '，报考费已退回' : ''}</View>
          )}
          <View className="link" onClick={() => setOpenHistory(openHistory === item.itemId ? null : item.itemId)}>
            {openHistory === item.itemId ? '收起记录' : '变更记录'}
          </View>
          {openHistory === item.itemId && (
            <View className="history">
              {item.history.map((h, index) => (
                <View className="hint" key={index}>
                  {formatBeijing(h.at)} {ACTOR_LABELS[h.by] ?? h.by}：{h.reason ?? h.to}
                </View>
              ))}
            </View>
          )}
        </View>
      ))}
      {unpaidOrder && (
        <Button
          className="btn-primary"
          onClick={() => void Taro.navigateTo({ url: `/pages/payment/index?outTradeNo=${unpaidOrder.outTradeNo}` })}
        >
          去缴费（¥{unpaidOrder.amountYuan}）
        </Button>
      )}
      {period.orders.map((order) => (
        <OrderRow key={order.outTradeNo} order={order} onChanged={onChanged} />
      ))}
    </View>
  );
}

function OrderRow({ order, onChanged }: { order: MyOrder; onChanged: () => void }) {
  const requestRefund = async () => {
    const { confirm } = await Taro.showModal({
      title: '申请退费',
      content: '退费成功后，已缴费课程的考位将被释放，可能被其他考生抢到。确定申请退费吗？',
      confirmText: '确定退费',
    });
    if (!confirm) return;
    try {
      const answer = await bookingApi.refund(order.outTradeNo, '考生本人申请退费');
      void Taro.showToast({ title: answer.state === 'refunded' ? '退费成功' : '退费申请已提交', icon: 'none' });
    } catch {
      // Shown by the request module.
    }
    onChanged();
  };
  return (
    <View className="summary-row order-row">
      <View className="row">
        <View>缴费订单 ¥{order.amountYuan}</View>
        <View className="badge order-state">{PAYMENT_ORDER_STATE_LABELS[order.state]}</View>
      </View>
      {order.refunds.map((refund, index) => (
        <View className="hint" key={index}>
          退费：{REFUND_KIND_LABELS[refund.kind as RefundKind] ?? refund.kind}，
          {REFUND_STATE_LABELS[refund.state as RefundState] ?? refund.state}（{refund.reason}）
        </View>
      ))}
      {order.refunds.some((r) => r.state === 'abnormal') && <AbnormalRefundNotice countyName={order.countyName} />}
      {order.state === 'paid' && (
        <Button className="btn-secondary request-refund" size="mini" onClick={() => void requestRefund()}>
          申请退费
        </Button>
      )}
    </View>
  );
}

/** What an abnormal refund means for the candidate, and whom to call. */
function AbnormalRefundNotice({ countyName }: { countyName: string | null }) {
  const office = countyName ? `${countyName}考办` : '报考所在县（市、区）考办';
  return (
    <View className="card-warning refund-abnormal">
      <View className="card-title">退款异常</View>
      <View className="hint">
        微信支付未能把报考费退回您原来的付款账户（例如付款的银行卡已注销或已过期）。这笔钱不会丢失：{office}
        将与您联系，改用其他方式（如银行转账）退还；您也可以直接联系{office}。
      </View>
      <View className="hint">退还完成前，这些课程的考位仍为您保留。</View>
    </View>
  );
}

/** 我的候补: each entry with its place in line, the seat given, or why it ended; leaving is one tap. */
function WaitlistEntries({ entries, onChanged }: { entries: WaitlistEntryView[]; onChanged: () => void }) {
  if (entries.length === 0) return null;
  const leave = async (entry: WaitlistEntryView) => {
    try {
      await bookingApi.leaveWaitlist(entry.entryId);
      void Taro.showToast({ title: '已退出候补', icon: 'none' });
    } catch {
      // Shown by the request module.
    }
    onChanged();
  };
  return (
    <View className="card waitlist-entries" id="my-waitlist">
      <View className="card-title">我的候补</View>
      {entries.map((e) => (
        <View className="summary-row waitlist-entry" key={e.entryId}>
          <View className="row">
            <View>
              {e.courseCode} {e.courseName}
            </View>
            <View className={`badge waitlist-state ${e.state === 'offered' ? 'badge-success' : ''}`}>
              {e.stateLabel}
            </View>
          </View>
          <View className="hint">
            {e.periodName} · {e.unitLabel} · {e.countyName}
          </View>
          {e.state === 'waiting' && (
            <View className="row">
              <View className="hint waitlist-position">当前排第 {e.position} 位</View>
              <Button className="btn-secondary" size="mini" onClick={() => void leave(e)}>
                退出候补
              </Button>
            </View>
          )}
          {e.state === 'offered' && e.payBy && (
            <View className="hint">考位已为您保存，请于 {formatBeijing(e.payBy)} 前确认并缴费</View>
          )}
          {e.endReason && e.state !== 'left' && <View className="hint">{e.endReason}</View>}
        </View>
      ))}
    </View>
  );
}
