import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PAYMENT_ORDER_STATES, PAYMENT_ORDER_STATE_LABELS } from '@kaowei/shared';
import { paymentsApi } from '../../api/client';
import type { PaymentView } from '../../api/types';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import {
  Badge,
  DataState,
  Notice,
  PageHeader,
  Pager,
  ReasonDialog,
  FilterSelect,
  labelled,
  SearchForm,
} from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** 缴费记录: payment orders of a period; a paid one can be refunded on the candidate's behalf. */
export function PaymentsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const { values, page, set, setPage } = useFilters(['state', 'q'] as const);
  const [refunding, setRefunding] = useState<PaymentView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    periodId
      ? () =>
          paymentsApi.list({
            periodId,
            state: values.state || undefined,
            q: values.q || undefined,
            page,
            pageSize: PAGE_SIZE,
          })
      : null,
    [periodId, values.state, values.q, page],
  );
  return (
    <>
      <PageHeader title="缴费记录" actions={<PeriodSelect state={periodState} />} />
      <SearchForm
        label="查询"
        placeholder="订单号 / 微信支付单号 / 准考证号 / 姓名"
        initial={values.q}
        onSearch={(q) => set({ q })}
      >
        <FilterSelect
          label="订单状态"
          value={values.state}
          options={labelled(PAYMENT_ORDER_STATES, PAYMENT_ORDER_STATE_LABELS)}
          onChange={(state) => set({ state })}
        />
      </SearchForm>
      <Notice message={notice} />
      {periodId && (
        <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的缴费记录">
          {(r) => (
            <div className="card">
              <table className="table" aria-label="缴费记录列表">
                <thead>
                  <tr>
                    <th>订单号</th>
                    <th>考生</th>
                    <th>准考证号</th>
                    <th>县（市、区）</th>
                    <th className="num">金额</th>
                    <th>状态</th>
                    <th>支付方式</th>
                    <th>缴费时间</th>
                    <th>微信支付单号</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((p) => (
                    <tr key={p.outTradeNo}>
                      <td className="code">
                        <Link to={`/bookings/${p.bookingId}`}>{p.outTradeNo}</Link>
                      </td>
                      <td>{p.candidateName}</td>
                      <td className="code">{p.ticketNo ?? '—'}</td>
                      <td>{p.countyName ?? '—'}</td>
                      <td className="num">{yuan(p.amountFen)}</td>
                      <td>
                        <Badge value={p.state} text={p.stateLabel} />
                      </td>
                      <td>{p.channelLabel ?? '—'}</td>
                      <td>{formatTime(p.paidAt)}</td>
                      <td className="code">{p.transactionId ?? '—'}</td>
                      <td>
                        {p.state === 'paid' && (
                          <button type="button" className="small danger" onClick={() => setRefunding(p)}>
                            代为退费
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
            </div>
          )}
        </DataState>
      )}
      {refunding && (
        <ReasonDialog
          title="代为退费"
          description={`${refunding.candidateName}，订单 ${refunding.outTradeNo}，金额 ${yuan(refunding.amountFen)}。退费成功后考位将释放。`}
          confirmText="确认退费"
          onClose={() => setRefunding(null)}
          onConfirm={async (reason) => {
            await paymentsApi.refund(refunding.outTradeNo, reason);
            setNotice(`已提交退费：订单 ${refunding.outTradeNo}`);
            list.reload();
          }}
        />
      )}
    </>
  );
}
