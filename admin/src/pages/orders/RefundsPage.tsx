import { REFUND_KINDS, REFUND_KIND_LABELS, REFUND_STATES, REFUND_STATE_LABELS } from '@kaowei/shared';
import { paymentsApi } from '../../api/client';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { RefundsTable } from '../../components/MoneyTables';
import { DataState, PageHeader, Pager, FilterSelect, labelled } from '../../components/ui';
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
            kind: values.kind,
            state: values.state,
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
              <RefundsTable refunds={r.items} listing />
              <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
            </div>
          )}
        </DataState>
      )}
    </>
  );
}
