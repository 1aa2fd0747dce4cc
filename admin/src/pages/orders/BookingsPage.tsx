import { Link } from 'react-router-dom';
import { BOOKING_ITEM_STATES, BOOKING_ITEM_STATE_LABELS } from '@kaowei/shared';
import { bookingsApi } from '../../api/client';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { Badge, DataState, PageHeader, Pager, FilterSelect, labelled, SearchForm } from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useCounties, useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** 报考记录: the bookings of a period in the official's districts, filtered by county, state and candidate. */
export function BookingsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const { values, page, set, setPage } = useFilters(['countyId', 'state', 'q'] as const);
  const counties = useCounties();
  const list = useLoad(
    periodId
      ? () =>
          bookingsApi.list({
            periodId,
            countyId: Number(values.countyId) || undefined,
            state: values.state,
            q: values.q,
            page,
            pageSize: PAGE_SIZE,
          })
      : null,
    [periodId, values.countyId, values.state, values.q, page],
  );

  return (
    <>
      <PageHeader title="报考记录" actions={<PeriodSelect state={periodState} />} />
      <SearchForm label="考生" placeholder="准考证号 / 姓名 / 证件号码" initial={values.q} onSearch={(q) => set({ q })}>
        <FilterSelect
          label="县（市、区）"
          value={values.countyId}
          options={counties.map((c) => ({ value: c.id, text: `${c.cityName} ${c.name}` }))}
          onChange={(countyId) => set({ countyId })}
        />
        <FilterSelect
          label="状态"
          value={values.state}
          options={labelled(BOOKING_ITEM_STATES, BOOKING_ITEM_STATE_LABELS)}
          onChange={(state) => set({ state })}
        />
      </SearchForm>
      {periodState.periods.data?.length === 0 && <div className="empty">暂无考次</div>}
      {periodId && (
        <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的报考记录">
          {(r) => (
            <div className="card">
              <table className="table" aria-label="报考记录列表">
                <thead>
                  <tr>
                    <th>考生</th>
                    <th>准考证号</th>
                    <th>证件号码</th>
                    <th>县（市、区）</th>
                    <th>课程</th>
                    <th>状态</th>
                    <th className="num">金额</th>
                    <th>缴费时间</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((b) => (
                    <tr key={b.id}>
                      <td>{b.candidateName}</td>
                      <td className="code">{b.ticketNo ?? '—'}</td>
                      <td className="code">{b.idCardMasked}</td>
                      <td>{b.countyName ?? '—'}</td>
                      <td>{b.items.map((i) => i.courseCode).join('、') || '—'}</td>
                      <td>
                        <Badge value={b.state} text={b.stateLabel} />
                      </td>
                      <td className="num">{yuan(b.amountFen)}</td>
                      <td>{formatTime(b.paidAt)}</td>
                      <td>
                        <Link to={`/bookings/${b.id}`}>详情</Link>
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
    </>
  );
}
