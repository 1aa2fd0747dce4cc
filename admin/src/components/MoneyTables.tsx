import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BOOKING_ITEM_STATE_LABELS, type BookingItemState } from '@kaowei/shared';
import { paymentsApi } from '../api/client';
import type { BookingItemView, HistoryEntry, PaymentView, RefundView } from '../api/types';
import { actorLabel, formatTime, yuan } from '../format';
import { Badge, ReasonDialog } from './ui';

/** Booking items with their state history (who, when, why). */
export function ItemsTable({ items }: { items: BookingItemView[] }) {
  if (items.length === 0) return <div className="empty small">无报考课程</div>;
  return (
    <table className="table compact" aria-label="报考课程">
      <thead>
        <tr>
          <th>考试单元</th>
          <th>课程</th>
          <th>状态</th>
          <th>变更记录</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{item.unitCode}</td>
            <td>
              {item.courseCode} {item.courseName}
            </td>
            <td>
              <Badge value={item.state} text={item.stateLabel} />
            </td>
            <td>
              <History entries={item.history ?? []} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const itemStateLabel = (state: string) => BOOKING_ITEM_STATE_LABELS[state as BookingItemState] ?? state;

function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ol className="history">
      {entries.map((h, i) => (
        <li key={i}>
          <span className="muted">{formatTime(h.at)}</span> {h.from ? `${itemStateLabel(h.from)} → ` : ''}
          {itemStateLabel(h.to)}
          <span className="muted">（{actorLabel(h.actorType, h.actorName)}）</span>
          {h.reason ? <span className="muted"> {h.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Payment orders; with `onRefunded`, a paid one can be refunded on the candidate's behalf, with a reason.
 * `listing` (the payments page) adds who and where, and links each order to its booking.
 */
export function PaymentsTable({
  payments,
  listing = false,
  onRefunded,
}: {
  payments: PaymentView[];
  listing?: boolean;
  onRefunded?: (payment: PaymentView) => void;
}) {
  const [refunding, setRefunding] = useState<PaymentView | null>(null);
  if (payments.length === 0) return <div className="empty small">无缴费订单</div>;
  return (
    <>
      <table className={listing ? 'table' : 'table compact'} aria-label={listing ? '缴费记录列表' : '缴费订单'}>
        <thead>
          <tr>
            <th>订单号</th>
            {listing && <th>考生</th>}
            {listing && <th>准考证号</th>}
            {listing && <th>县（市、区）</th>}
            <th className="num">金额</th>
            <th>状态</th>
            <th>支付方式</th>
            <th>缴费时间</th>
            <th>微信支付单号</th>
            {onRefunded && <th />}
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.outTradeNo}>
              <td className="code">
                {listing ? <Link to={`/bookings/${p.bookingId}`}>{p.outTradeNo}</Link> : p.outTradeNo}
              </td>
              {listing && <td>{p.candidateName}</td>}
              {listing && <td className="code">{p.ticketNo ?? '—'}</td>}
              {listing && <td>{p.countyName ?? '—'}</td>}
              <td className="num">{yuan(p.amountFen)}</td>
              <td>
                <Badge value={p.state} text={p.stateLabel} />
              </td>
              <td>{p.channelLabel ?? '—'}</td>
              <td>{formatTime(p.paidAt)}</td>
              <td className="code">{p.transactionId ?? '—'}</td>
              {onRefunded && (
                <td>
                  {p.state === 'paid' && (
                    <button type="button" className="small danger" onClick={() => setRefunding(p)}>
                      代为退费
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {refunding && (
        <ReasonDialog
          title="代为退费"
          description={`${refunding.candidateName}，订单 ${refunding.outTradeNo}，金额 ${yuan(refunding.amountFen)}。退费成功后考位将释放。`}
          confirmText="确认退费"
          onClose={() => setRefunding(null)}
          onConfirm={async (reason) => {
            await paymentsApi.refund(refunding.outTradeNo, reason);
            onRefunded?.(refunding);
          }}
        />
      )}
    </>
  );
}

/** Refunds; `listing` (the refunds page) adds who and where, and links each order to its booking. */
export function RefundsTable({ refunds, listing = false }: { refunds: RefundView[]; listing?: boolean }) {
  if (refunds.length === 0) return <div className="empty small">无退费记录</div>;
  return (
    <table className={listing ? 'table' : 'table compact'} aria-label={listing ? '退费记录列表' : '退费记录'}>
      <thead>
        <tr>
          <th>退款单号</th>
          <th>订单号</th>
          {listing && <th>考生</th>}
          {listing && <th>县（市、区）</th>}
          <th className="num">金额</th>
          <th>类型</th>
          <th>原因</th>
          <th>状态</th>
          <th>申请时间</th>
          <th>到账时间</th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((r) => (
          <tr key={r.outRefundNo}>
            <td className="code">{r.outRefundNo}</td>
            <td className="code">
              {listing ? <Link to={`/bookings/${r.bookingId}`}>{r.outTradeNo}</Link> : r.outTradeNo}
            </td>
            {listing && <td>{r.candidateName}</td>}
            {listing && <td>{r.countyName ?? '—'}</td>}
            <td className="num">{yuan(r.amountFen)}</td>
            <td>{r.kindLabel}</td>
            <td>{r.reason ?? '—'}</td>
            <td>
              <Badge value={r.state} text={r.stateLabel} />
            </td>
            <td>{formatTime(r.createdAt)}</td>
            <td>{formatTime(r.succeededAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
