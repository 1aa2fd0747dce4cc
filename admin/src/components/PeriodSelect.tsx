import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { periodsApi } from '../api/client';
import type { Period } from '../api/types';
import { useLoad } from '../hooks';
import { ErrorBanner } from './ui';

const LAST_PERIOD_KEY = 'kaowei.admin.period';

/**
 * The exam period a page works on, kept in the address (?periodId=) so a reload or a shared link keeps it;
 * without one, the last period chosen, else the newest.
 */
export function usePeriod() {
  const periods = useLoad(() => periodsApi.list().then((r) => r.items), []);
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('periodId')) || null;
  const remembered = Number(sessionStorage.getItem(LAST_PERIOD_KEY)) || null;
  const items = periods.data ?? [];
  const chosen = items.find((p) => p.id === fromUrl) ?? items.find((p) => p.id === remembered) ?? newest(items) ?? null;

  useEffect(() => {
    if (chosen) sessionStorage.setItem(LAST_PERIOD_KEY, String(chosen.id));
  }, [chosen]);

  const choose = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('periodId', String(id));
    next.delete('page');
    setParams(next);
  };
  return { periods, period: chosen, choose };
}

function newest(items: Period[]): Period | undefined {
  return [...items].sort((a, b) => b.bookingOpensAt.localeCompare(a.bookingOpensAt))[0];
}

export function PeriodSelect({ state }: { state: ReturnType<typeof usePeriod> }) {
  const { periods, period, choose } = state;
  if (periods.error) return <ErrorBanner message={periods.error} onRetry={periods.reload} />;
  return (
    <label className="inline-field">
      <span>考次</span>
      <select
        aria-label="考次"
        value={period?.id ?? ''}
        disabled={!periods.data?.length}
        onChange={(e) => choose(Number(e.target.value))}
      >
        {!periods.data && <option value="">加载中…</option>}
        {periods.data?.length === 0 && <option value="">暂无考次</option>}
        {periods.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}（{p.code}）
          </option>
        ))}
      </select>
    </label>
  );
}
