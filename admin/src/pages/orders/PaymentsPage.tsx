import { useState } from 'react';
import { PAYMENT_ORDER_STATES, PAYMENT_ORDER_STATE_LABELS } from '@kaowei/shared';
import { paymentsApi } from '../../api/client';
import { PaymentsTable } from '../../components/MoneyTables';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { DataState, Notice, PageHeader, Pager, FilterSelect, labelled, SearchForm } from '../../components/ui';
import { useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** 缴费记录: payment orders of a period; a paid one can be refunded on the candidate's behalf. */
export function PaymentsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const { values, page, set, setPage } = useFilters(['state', 'q'] as const);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    periodId
      ? () =>
          paymentsApi.list({
            periodId,
            state: values.state,
            q: values.q,
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
              <PaymentsTable
                payments={r.items}
                listing
                onRefunded={(p) => {
                  setNotice(`已提交退费：订单 ${p.outTradeNo}`);
                  list.reload();
                }}
              />
              <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
            </div>
          )}
        </DataState>
      )}
    </>
  );
}
