import { Link } from 'react-router-dom';
import { REFUND_KINDS, REFUND_KIND_LABELS, REFUND_STATES, REFUND_STATE_LABELS } from '@kaowei/shared';
import { paymentsApi } from '../../api/client';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { Badge, DataState, PageHeader, Pager, FilterSelect, labelled } from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** 退费记录: refunds asked by candidates, made by officials, and automatic late-payment refunds. */
export function RefundsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const { values, page, set, setPage } = useFilters(['kind', 'state'] as const);
  const list = useLoad(
    periodId
      ? () =>
          paymentsApi.refunds({
            periodId,
            kind: values.kind || undefined,
            state: values.state || undefined,
            page,
            pageSize: PAGE_SIZE,
          })
      : null,
    [periodId, values.kind, values.state, page],
  );
  return (
    <>
      <PageHeader title="退费记录" actions={<PeriodSelect state={periodState} />} />
      <div className="card filters">
        <FilterSelect
          label="退费类型"
          value={values.kind}
          options={labelled(REFUND_KINDS, REFUND_KIND_LABELS)}
          onChange={(kind) => set({ kind })}
        />
        <FilterSelect
          label="退费状态"
          value={values.state}
          options={labelled(REFUND_STATES, REFUND_STATE_LABELS)}
          onChange={(state) => set({ state })}
        />
      </div>
      {periodId && (
        <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的退费记录">
          {(r) => (
            <div className="card">
              <table className="table" aria-label="退费记录列表">
                <thead>
                  <tr>
                    <th>退款单号</th>
                    <th>订单号</th>
                    <th>考生</th>
                    <th>县（市、区）</th>
                    <th className="num">金额</th>
                    <th>类型</th>
                    <th>原因</th>
                    <th>状态</th>
                    <th>申请时间</th>
                    <th>到账时间</th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((x) => (
                    <tr key={x.outRefundNo}>
                      <td className="code">{x.outRefundNo}</td>
                      <td className="code">
                        <Link to={`/bookings/${x.bookingId}`}>{x.outTradeNo}</Link>
                      </td>
                      <td>{x.candidateName}</td>
                      <td>{x.countyName ?? '—'}</td>
                      <td className="num">{yuan(x.amountFen)}</td>
                      <td>{x.kindLabel}</td>
                      <td>{x.reason ?? '—'}</td>
                      <td>
                        <Badge value={x.state} text={x.stateLabel} />
                      </td>
                      <td>{formatTime(x.createdAt)}</td>
                      <td>{formatTime(x.succeededAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
            </div>
          )}
        </DataState>
      )}
    </>
  );
}
