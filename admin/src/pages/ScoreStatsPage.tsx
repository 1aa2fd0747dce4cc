import { useState } from 'react';
import { SCORE_BANDS, type ScoreStatsRow } from '@kaowei/shared';
import { scoreStatsApi } from '../api/client';
import { PeriodSelect, usePeriod } from '../components/PeriodSelect';
import { ErrorBanner, Notice, PageHeader } from '../components/ui';
import { formatTime } from '../format';
import { useAction, useLoad } from '../hooks';

const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** The bands of one course (or of all) as plain SVG bars, each with its count above it. */
function BandChart({ bands, title }: { bands: number[]; title: string }) {
  const max = Math.max(1, ...bands);
  const width = 560;
  const height = 180;
  const slot = width / bands.length;
  return (
    <figure className="score-chart" aria-label="成绩分布">
      <figcaption>{title}：成绩分布（人数）</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 40}`} role="img" width="100%" style={{ maxWidth: width }}>
        {bands.map((count, i) => {
          const barHeight = Math.round((count / max) * height);
          const x = i * slot + slot * 0.15;
          return (
            <g key={SCORE_BANDS[i]}>
              <rect
                x={x}
                y={height - barHeight + 16}
                width={slot * 0.7}
                height={barHeight}
                fill={i >= 6 ? '#2f7d4a' : '#2f5f9e'}
              >
                <title>{`${SCORE_BANDS[i]}分：${count}人`}</title>
              </rect>
              <text x={x + slot * 0.35} y={height - barHeight + 12} textAnchor="middle" fontSize="12">
                {count}
              </text>
              <text x={x + slot * 0.35} y={height + 32} textAnchor="middle" fontSize="12">
                {SCORE_BANDS[i]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * 成绩统计: per course of the period within the official's districts — booked and paid, sat, passed, pass
 * rate, score bands — with a bar chart of the chosen course and the Excel export. City and county offices
 * see it once the period's scores are published.
 */
export function ScoreStatsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const stats = useLoad(periodId ? () => scoreStatsApi.get({ periodId }) : null, [periodId]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const data = stats.data;
  const row: ScoreStatsRow | undefined = data?.rows.find((r) => r.courseId === chosen);

  const download = async () => {
    if (!periodId) return;
    setNotice(null);
    const done = await action.run(() => scoreStatsApi.download({ periodId }).then(() => true));
    if (done) setNotice('已导出成绩统计（Excel）');
  };

  return (
    <>
      <PageHeader
        title="成绩统计"
        actions={
          <>
            <PeriodSelect state={periodState} />
            <button
              type="button"
              className="primary"
              disabled={!data || action.pending}
              onClick={() => void download()}
            >
              {action.pending ? '导出中…' : '导出 Excel'}
            </button>
          </>
        }
      >
        本辖区各课程的报考缴费、实考、合格人数和成绩分布。合格率为合格人数占实考人数（缺考不计入实考）。导出文件中证件号码已脱敏，并记入审计日志。
        市、县考办在本考次成绩发布后方可查看和导出。
      </PageHeader>
      <Notice message={notice} />
      <ErrorBanner message={action.error} />
      <ErrorBanner message={stats.error} onRetry={stats.reload} />
      {data && (
        <>
          <p className="muted">成绩发布时间：{data.scoresPublishAt ? formatTime(data.scoresPublishAt) : '尚未设置'}</p>
          <div className="card">
            <table className="table" aria-label="成绩统计">
              <thead>
                <tr>
                  <th>课程代码</th>
                  <th>课程名称</th>
                  <th className="num">报考缴费</th>
                  <th className="num">实考</th>
                  <th className="num">合格</th>
                  <th className="num">合格率</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={7} className="muted">
                      本考次暂无报考或成绩
                    </td>
                  </tr>
                )}
                {data.rows.map((r) => (
                  <tr key={r.courseId} className={r.courseId === chosen ? 'selected' : undefined}>
                    <td>{r.courseCode}</td>
                    <td>{r.courseName}</td>
                    <td className="num">{r.booked}</td>
                    <td className="num">{r.sat}</td>
                    <td className="num">{r.passed}</td>
                    <td className="num">{rate(r.passRate)}</td>
                    <td>
                      <button type="button" className="link" onClick={() => setChosen(r.courseId)}>
                        成绩分布
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={2}>合计</th>
                  <th className="num">{data.total.booked}</th>
                  <th className="num">{data.total.sat}</th>
                  <th className="num">{data.total.passed}</th>
                  <th className="num">{rate(data.total.passRate)}</th>
                  <th>
                    <button type="button" className="link" onClick={() => setChosen(null)}>
                      成绩分布
                    </button>
                  </th>
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="card">
            <BandChart
              bands={row?.bands ?? data.total.bands}
              title={row ? `${row.courseCode} ${row.courseName}` : '全部课程'}
            />
          </div>
        </>
      )}
    </>
  );
}
