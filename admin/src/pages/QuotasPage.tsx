import { useEffect, useState } from 'react';
import { HALF_DAY_LABELS } from '@kaowei/shared';
import { errorText, quotasApi } from '../api/client';
import type { QuotaCell, QuotaGrid } from '../api/types';
import { PeriodSelect, usePeriod } from '../components/PeriodSelect';
import { DataState, PageHeader } from '../components/ui';
import { useLoad } from '../hooks';

const keyOf = (countyId: number, unitId: number) => `${countyId}-${unitId}`;

type CellStatus = { state: 'saving' } | { state: 'saved' } | { state: 'error'; message: string };

/** Seats per (county, unit): edit a cell and save it, or save a whole county row. The server refuses below taken. */
export function QuotasPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const grid = useLoad(periodId ? () => quotasApi.grid(periodId) : null, [periodId]);
  return (
    <>
      <PageHeader title="考位分配" actions={<PeriodSelect state={periodState} />}>
        每个县（市、区）每个考试单元的考位数。考位数不能小于已占用（已保存、已确认、已缴费）的考位数。
      </PageHeader>
      {periodState.periods.data?.length === 0 && <div className="empty">暂无考次</div>}
      {periodId && (
        <DataState
          state={grid}
          isEmpty={(g) => g.units.length === 0 || g.counties.length === 0}
          empty="本考次尚无考试单元或本辖区尚无县（市、区）"
        >
          {(data) => <QuotaTable key={periodId} periodId={periodId} grid={data} />}
        </DataState>
      )}
    </>
  );
}

function QuotaTable({ periodId, grid }: { periodId: number; grid: QuotaGrid }) {
  const [cells, setCells] = useState<Map<string, QuotaCell>>(new Map());
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Record<string, CellStatus>>({});

  useEffect(() => {
    setCells(new Map(grid.cells.map((c) => [keyOf(c.countyId, c.unitId), c])));
    setEdits({});
    setStatus({});
  }, [grid]);

  const valueOf = (key: string) => edits[key] ?? String(cells.get(key)?.capacity ?? 0);
  const dirty = (key: string) => edits[key] !== undefined && edits[key] !== String(cells.get(key)?.capacity ?? 0);

  const saveCell = async (countyId: number, unitId: number) => {
    const key = keyOf(countyId, unitId);
    if (!dirty(key)) return;
    const text = edits[key]!.trim();
    const capacity = Number(text);
    if (text === '' || !Number.isInteger(capacity) || capacity < 0) {
      setStatus((s) => ({ ...s, [key]: { state: 'error', message: '考位数须为非负整数' } }));
      return;
    }
    setStatus((s) => ({ ...s, [key]: { state: 'saving' } }));
    try {
      const saved = await quotasApi.set(periodId, { countyId, unitId, capacity });
      setCells((m) => new Map(m).set(key, { ...m.get(key), ...saved, countyId, unitId }));
      setEdits(({ [key]: _, ...rest }) => rest);
      setStatus((s) => ({ ...s, [key]: { state: 'saved' } }));
    } catch (e) {
      setStatus((s) => ({ ...s, [key]: { state: 'error', message: errorText(e) } }));
    }
  };

  const saveRow = async (countyId: number) => {
    for (const unit of grid.units) await saveCell(countyId, unit.id);
  };

  return (
    <div className="card scroll-x">
      <table className="table quota-grid" aria-label="考位分配表">
        <thead>
          <tr>
            <th>县（市、区）</th>
            {grid.units.map((u) => (
              <th key={u.id} className="num">
                {u.code}
                <div className="muted small-text">
                  {u.examDate} {HALF_DAY_LABELS[u.halfDay]}
                </div>
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {grid.counties.map((county) => {
            const rowDirty = grid.units.some((u) => dirty(keyOf(county.id, u.id)));
            return (
              <tr key={county.id} data-county={county.name}>
                <td>
                  {county.name}
                  <div className="muted small-text">{county.cityName}</div>
                </td>
                {grid.units.map((unit) => {
                  const key = keyOf(county.id, unit.id);
                  const cell = cells.get(key);
                  const st = status[key];
                  return (
                    <td key={unit.id} className={`quota-cell ${dirty(key) ? 'dirty' : ''}`}>
                      <div className="quota-input">
                        <input
                          aria-label={`${county.name} ${unit.code} 考位数`}
                          inputMode="numeric"
                          value={valueOf(key)}
                          onChange={(e) => setEdits((x) => ({ ...x, [key]: e.target.value }))}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') void saveCell(county.id, unit.id);
                          }}
                        />
                        {dirty(key) && (
                          <button type="button" className="small primary" onClick={() => saveCell(county.id, unit.id)}>
                            保存
                          </button>
                        )}
                      </div>
                      <div className="muted small-text">已占 {cell?.taken ?? 0}</div>
                      {st?.state === 'saving' && <div className="small-text muted">保存中…</div>}
                      {st?.state === 'saved' && <div className="small-text success-text">已保存</div>}
                      {st?.state === 'error' && (
                        <div className="small-text danger-text" role="alert">
                          {st.message}
                        </div>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button type="button" disabled={!rowDirty} onClick={() => saveRow(county.id)}>
                    保存本行
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
