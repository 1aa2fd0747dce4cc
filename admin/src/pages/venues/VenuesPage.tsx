import { VENUE_IMPORT_HEADERS, type CountySeatsView } from '@kaowei/shared';
import { useState } from 'react';
import { periodsApi, venuesApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { badRows, ImportBox } from '../../components/ImportBox';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { DataState, ErrorBanner, Notice, PageHeader } from '../../components/ui';
import { useAction, useCounties, useLoad } from '../../hooks';
import { VenueCard, VenueForm } from './VenueCard';

/**
 * 考点考场: the venues and rooms of the official's districts with their seats against the period's largest
 * quota; a county office keeps its own, a city office its counties' and the province everyone's (choosing
 * a county). Closures are per unit of the chosen period.
 */
export function VenuesPage() {
  const { official } = useAuth();
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const counties = useCounties();
  const ownCounty = official?.role === 'county' ? official.countyId : null;
  const [chosen, setChosen] = useState<number | null>(null);
  const countyId = ownCounty ?? chosen;
  const venues = useLoad(periodId ? () => venuesApi.list({ periodId, ...(countyId ? { countyId } : {}) }) : null, [
    periodId,
    countyId,
  ]);
  const units = useLoad(periodId ? () => periodsApi.units(periodId).then((r) => r.items) : null, [periodId]);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="考点考场"
        actions={
          <>
            <PeriodSelect state={periodState} />
            {ownCounty === null && (
              <label className="inline-field">
                <span>县区</span>
                <select
                  aria-label="县区"
                  value={chosen ?? ''}
                  onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : null)}
                >
                  <option value="">全部县区</option>
                  {counties.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.cityName} {c.name}（{c.code}）
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        }
      >
        本辖区的考点（名称、地址、联系人）和考场（考场号、座位数、楼层备注）。座位数应不少于各考试单元中最大的考位数，考场编排才能完成；考点在某一考试单元不能使用时，勾选“停用”。已编排座位的考场和考点不能删除。
      </PageHeader>
      <Notice message={notice} />
      <DataState state={venues} isEmpty={() => false} empty="">
        {(answer) => (
          <>
            <SeatsTable counties={answer.counties} />
            {countyId !== null && (
              <section className="card" aria-label="新增考点">
                <h2>新增考点</h2>
                <VenueForm
                  initial={null}
                  submitText="新增考点"
                  onSave={async (values) => {
                    const venue = await venuesApi.create({ countyId, ...values });
                    setNotice(`已新增考点：${venue.name}`);
                    venues.reload();
                  }}
                />
              </section>
            )}
            {countyId === null && <p className="muted">选择县区后查看、新增和编辑考点考场。</p>}
            {countyId !== null && answer.venues.length === 0 && <div className="empty">暂无考点</div>}
            {answer.venues.map((venue) => (
              <VenueCard
                key={venue.id}
                venue={venue}
                units={units.data ?? []}
                showCounty={ownCounty === null}
                onChanged={venues.reload}
              />
            ))}
          </>
        )}
      </DataState>
      <VenueImport onImported={venues.reload} />
    </>
  );
}

/** 座位数 vs 考位数 per county: a county short of seats is marked. */
function SeatsTable({ counties }: { counties: CountySeatsView[] }) {
  return (
    <section className="card">
      <h2>座位数与考位数</h2>
      <table className="table compact" aria-label="座位数与考位数">
        <thead>
          <tr>
            <th>县区</th>
            <th className="num">考点</th>
            <th className="num">考场</th>
            <th className="num">座位数</th>
            <th className="num">最大考位数</th>
            <th className="num">差额</th>
          </tr>
        </thead>
        <tbody>
          {counties.map((c) => (
            <tr key={c.countyId}>
              <td>
                {c.countyName}（{c.countyCode}）
              </td>
              <td className="num">{c.venues}</td>
              <td className="num">{c.rooms}</td>
              <td className="num">{c.seats}</td>
              <td className="num">{c.largestQuota ?? '—'}</td>
              <td className={`num${c.surplus !== null && c.surplus < 0 ? ' danger-text' : ''}`}>
                {c.surplus === null ? '—' : c.surplus < 0 ? `缺 ${-c.surplus}` : `+${c.surplus}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function VenueImport({ onImported }: { onImported: () => void }) {
  const template = useAction();
  return (
    <section className="card" aria-label="导入考点考场">
      <div className="section-title">
        <h2>导入考点考场</h2>
        <button
          type="button"
          className="link"
          disabled={template.pending}
          onClick={() => template.run(() => venuesApi.template())}
        >
          下载导入模板
        </button>
      </div>
      <ErrorBanner message={template.error} />
      <ImportBox
        hint={`导入文件为 CSV 或 Excel（.xlsx），每行一个考场，第一行为表头：${VENUE_IMPORT_HEADERS.join(',')}。按县区代码和考点名称新增或更新考点，按考场号新增或更新考场，重复导入同一文件不会改变数据；县考办只能导入本县区的行。先校验文件，确认无误后导入有效行。`}
        name="venuesFile"
        label="选择考点考场文件"
        send={(file, dryRun, onProgress) => venuesApi.import(file, dryRun, onProgress)}
        summary={(r) =>
          r.dryRun
            ? `校验完成：共 ${r.total} 行，有效 ${r.valid} 行（将新增考点 ${r.venuesCreated}、更新考点 ${r.venuesUpdated}、新增考场 ${r.roomsCreated}、更新考场 ${r.roomsUpdated}、不变 ${r.unchanged}），错误 ${badRows(r)} 行（尚未写入）`
            : `导入完成：新增考点 ${r.venuesCreated}，更新考点 ${r.venuesUpdated}，新增考场 ${r.roomsCreated}，更新考场 ${r.roomsUpdated}，不变 ${r.unchanged}，跳过错误 ${badRows(r)} 行`
        }
        onImported={onImported}
      />
    </section>
  );
}
