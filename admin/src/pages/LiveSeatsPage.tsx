import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seatsApi } from '../api/client';
import { PeriodSelect, usePeriod } from '../components/PeriodSelect';
import { DataState, PageHeader } from '../components/ui';
import { formatTime, formatTimeOfDay } from '../format';
import { useLoad } from '../hooks';

const REFRESH_MS = 5000;

/** Seats taken and left per county and unit, with the waitlist (候补) length, refreshed every 5 seconds while booking is open. */
export function LiveSeatsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const seats = useLoad(periodId ? () => seatsApi.live(periodId) : null, [periodId]);
  const holds = useLoad(periodId ? () => seatsApi.holdsPerMinute(periodId, 60) : null, [periodId]);
  const open = seats.data?.bookingOpen ?? false;
  const { reload: reloadSeats } = seats;
  const { reload: reloadHolds } = holds;

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      reloadSeats();
      reloadHolds();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [open, reloadSeats, reloadHolds]);

  return (
    <>
      <PageHeader title="实时考位" actions={<PeriodSelect state={periodState} />}>
        各县（市、区）各考试单元的考位数、已保存、已缴费和余量。
      </PageHeader>
      {periodState.periods.data?.length === 0 && <div className="empty">暂无考次，请先在“考期设置”中新建考次</div>}
      {periodId && (
        <DataState state={seats} isEmpty={(s) => s.rows.length === 0} empty="本考次尚未分配考位">
          {(view) => (
            <>
              <div className="status-line">
                {view.bookingOpen ? (
                  <span className="badge badge-success">报考进行中 · 每5秒自动刷新</span>
                ) : (
                  <span className="badge">当前不在报考时间内</span>
                )}
                <span className="muted">更新于 {formatTime(view.refreshedAt)}</span>
              </div>
              <div className="stats">
                <Stat label="考位总数" value={view.totals.capacity} />
                <Stat label="已保存" value={view.totals.held} />
                <Stat label="已缴费" value={view.totals.paid} />
                <Stat label="余量" value={view.totals.left} />
                <Stat label="候补人数" value={view.totals.waiting} />
              </div>
              <div className="card">
                <h2>每分钟保存考位数（近60分钟）</h2>
                <HoldsChart points={holds.data?.points ?? []} />
              </div>
              <div className="card">
                <table className="table" aria-label="考位明细">
                  <thead>
                    <tr>
                      <th>市（州）</th>
                      <th>县（市、区）</th>
                      <th>考试单元</th>
                      <th className="num">考位数</th>
                      <th className="num">已保存</th>
                      <th className="num">已缴费</th>
                      <th className="num">余量</th>
                      <th className="num">候补</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rows.map((row) => (
                      <tr key={`${row.countyId}-${row.unitId}`}>
                        <td>{row.cityName}</td>
                        <td>{row.countyName}</td>
                        <td>
                          {row.unitCode} · {row.examDate} {row.halfDayLabel}
                        </td>
                        <td className="num">{row.capacity}</td>
                        <td className="num">{row.held}</td>
                        <td className="num">{row.paid}</td>
                        <td className={`num ${row.left === 0 ? 'danger-text' : ''}`}>{row.left}</td>
                        <td className="num">{row.waiting}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </DataState>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function HoldsChart({ points }: { points: Array<{ minute: string; holds: number }> }) {
  if (points.length === 0) return <div className="empty small">近60分钟没有保存考位</div>;
  const data = points.map((p) => ({ time: formatTimeOfDay(p.minute), holds: p.holds }));
  return (
    <div className="chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e9f0" />
          <XAxis dataKey="time" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip formatter={(value) => [value, '保存考位数']} />
          <Bar dataKey="holds" fill="#3b6fb6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
