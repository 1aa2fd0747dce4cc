import { useEffect, useState } from 'react';
import {
  ROSTER_KIND_LABELS,
  type AssignmentFillRow,
  type AssignmentRunView,
  type AssignmentSeatView,
  type RosterKind,
} from '@kaowei/shared';
import { assignmentApi, exportsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { DataState, ErrorBanner, Field, Notice, PageHeader, ProgressBar, ReasonDialog } from '../../components/ui';
import { useAction, useCounties, useLoad } from '../../hooks';

const RUNNING = new Set(['queued', 'running']);

/**
 * 考场编排: start a run (a county, or all for the province, with a full re-run before tickets open), follow
 * its progress and the counties lacking seats, see rooms and fill per county × unit, and move a candidate;
 * download a room's 座次表 / 签到表 PDF and the 试卷订购 counts.
 */
export function AssignmentPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const runs = useLoad(periodId ? () => assignmentApi.runs(periodId) : null, [periodId]);
  const fill = useLoad(periodId ? () => assignmentApi.fill(periodId) : null, [periodId]);
  const [group, setGroup] = useState<AssignmentFillRow | null>(null);
  const latest = runs.data?.[0];

  // While a run is going, its progress is asked for every two seconds.
  useEffect(() => {
    if (!latest || !RUNNING.has(latest.state)) return;
    const timer = setTimeout(() => {
      runs.reload();
      fill.reload();
    }, 2000);
    return () => clearTimeout(timer);
  }, [latest, runs, fill]);

  return (
    <>
      <PageHeader title="考场编排" actions={<PeriodSelect state={periodState} />}>
        缴费截止后系统自动为已缴费的报考科目编排考场和座位号；也可在此按县（市、区）或全部发起编排。再次编排只为新缴费的科目安排空座位，已安排的座位不变。
      </PageHeader>
      {periodId && (
        <>
          <StartRun periodId={periodId} onStarted={() => runs.reload()} />
          <DataState state={runs} isEmpty={(r) => r.length === 0} empty="本考次尚未编排">
            {(items) => <RunCard run={items[0]!} />}
          </DataState>
          <DataState state={fill} isEmpty={(f) => f.length === 0} empty="本辖区本考次尚无考位">
            {(rows) => <FillTable periodId={periodId} rows={rows} onOpen={setGroup} />}
          </DataState>
          {group && (
            <GroupRooms
              key={`${group.countyId}-${group.unitId}`}
              periodId={periodId}
              group={group}
              onMoved={fill.reload}
            />
          )}
        </>
      )}
    </>
  );
}

function StartRun({ periodId, onStarted }: { periodId: number; onStarted: () => void }) {
  const { isProvince, official } = useAuth();
  const counties = useCounties();
  const [countyId, setCountyId] = useState<string>(isProvince ? '' : String(official?.countyId ?? ''));
  const [fullRerun, setFullRerun] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const start = async () => {
    const run = await action.run(() =>
      assignmentApi.start({
        periodId,
        countyId: countyId ? Number(countyId) : null,
        fullRerun: isProvince && fullRerun,
      }),
    );
    if (run) {
      setNotice(`已发起编排（第${run.id}号）：${run.scope}`);
      onStarted();
    }
  };
  return (
    <div className="card">
      <h2>发起编排</h2>
      <Notice message={notice} />
      <ErrorBanner message={action.error} />
      <div className="form-row">
        <Field label="县（市、区）">
          <select aria-label="编排范围" value={countyId} onChange={(e) => setCountyId(e.target.value)}>
            {isProvince && <option value="">全部县区</option>}
            {!isProvince && <option value="">请选择</option>}
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {c.cityName} {c.name}
              </option>
            ))}
          </select>
        </Field>
        {isProvince && (
          <label className="checkbox">
            <input type="checkbox" checked={fullRerun} onChange={(e) => setFullRerun(e.target.checked)} />
            重新编排（清除已有座位后全部重排，准考证打印开放后不可用）
          </label>
        )}
        <button
          type="button"
          className="primary"
          disabled={action.pending || (!isProvince && !countyId)}
          onClick={start}
        >
          {action.pending ? '发起中…' : '开始编排'}
        </button>
      </div>
    </div>
  );
}

function RunCard({ run }: { run: AssignmentRunView }) {
  const fraction = run.totalGroups ? run.doneGroups / run.totalGroups : 0;
  return (
    <div className="card" aria-label="编排进度">
      <h2>
        第{run.id}号编排：{run.scope}
        {run.fullRerun ? '（重新编排）' : ''} · {run.stateLabel}
      </h2>
      <ProgressBar
        value={fraction}
        text={`${run.doneGroups}/${run.totalGroups} 个县区×单元，已安排 ${run.assigned} 个座位`}
      />
      {run.shortages.length > 0 && (
        <div className="banner error" role="alert">
          <div>
            <p>以下县区考试单元座位不足，未编排（请增加考场后再次编排）：</p>
            <ul aria-label="座位不足">
              {run.shortages.map((s) => (
                <li key={`${s.countyId}-${s.unitId}`}>{s.message}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}

function FillTable({
  periodId,
  rows,
  onOpen,
}: {
  periodId: number;
  rows: AssignmentFillRow[];
  onOpen: (row: AssignmentFillRow) => void;
}) {
  const papers = useAction();
  return (
    <div className="card">
      <h2>各县区编排情况</h2>
      <ErrorBanner message={papers.error} />
      <p>
        <button
          type="button"
          disabled={papers.pending}
          onClick={() => papers.run(() => exportsApi.download('papers', 'xlsx', { periodId }))}
        >
          {papers.pending ? '导出中…' : '下载试卷订购表（XLSX）'}
        </button>{' '}
        <span className="muted">本辖区各县区、各考试单元每门课程的已缴费人数与已编排座位，用于订购试卷。</span>
      </p>
      <table className="table" aria-label="编排情况">
        <thead>
          <tr>
            <th>县（市、区）</th>
            <th>考试单元</th>
            <th className="num">考场</th>
            <th className="num">座位</th>
            <th className="num">已编排</th>
            <th className="num">未编排</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.countyId}-${r.unitId}`}>
              <td>{r.countyName}</td>
              <td>{r.unitLabel}</td>
              <td className="num">{r.rooms}</td>
              <td className="num">{r.seats}</td>
              <td className="num">{r.assigned}</td>
              <td className="num">{r.unassigned}</td>
              <td>
                <button type="button" className="link" onClick={() => onOpen(r)}>
                  查看考场
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupRooms({ periodId, group, onMoved }: { periodId: number; group: AssignmentFillRow; onMoved: () => void }) {
  const query = { periodId, countyId: group.countyId, unitId: group.unitId };
  const rooms = useLoad(() => assignmentApi.rooms(query), [periodId, group.countyId, group.unitId]);
  const [roomId, setRoomId] = useState<number | null>(null);
  const seats = useLoad(roomId ? () => assignmentApi.seats(roomId, { periodId, unitId: group.unitId }) : null, [
    roomId,
    periodId,
    group.unitId,
  ]);
  const [moving, setMoving] = useState<AssignmentSeatView | null>(null);
  const [target, setTarget] = useState({ roomId: '', seatNo: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const roster = useAction();
  const download = (roomId: number, kind: RosterKind) =>
    roster.run(() => assignmentApi.roster(roomId, { periodId, unitId: group.unitId, kind }));
  return (
    <div className="card">
      <h2>
        {group.countyName} {group.unitLabel} 的考场
      </h2>
      <Notice message={notice} />
      <ErrorBanner message={roster.error} />
      <DataState state={rooms} isEmpty={(r) => r.length === 0} empty="本县区本单元没有可用考场">
        {(list) => (
          <table className="table" aria-label="考场">
            <thead>
              <tr>
                <th>考点</th>
                <th className="num">考场号</th>
                <th className="num">座位</th>
                <th className="num">已编排</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.roomId}>
                  <td>{r.venueName}</td>
                  <td className="num">{r.roomNo}</td>
                  <td className="num">{r.seats}</td>
                  <td className="num">{r.assigned}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setRoomId(r.roomId)}>
                      座次
                    </button>{' '}
                    {(['seats', 'signin'] as const).map((kind) => (
                      <button
                        key={kind}
                        type="button"
                        className="link"
                        disabled={roster.pending}
                        aria-label={`下载第${r.roomNo}考场${ROSTER_KIND_LABELS[kind]}PDF`}
                        onClick={() => download(r.roomId, kind)}
                      >
                        {ROSTER_KIND_LABELS[kind]}PDF
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DataState>
      {roomId && (
        <DataState state={seats} isEmpty={() => false} empty="">
          {(view) => (
            <>
              <h3>
                {view.room.venueName} 第{view.room.roomNo}考场 座次（{view.room.assigned}/{view.room.seats}）
              </h3>
              <table className="table" aria-label="座次">
                <thead>
                  <tr>
                    <th className="num">座位号</th>
                    <th>姓名</th>
                    <th>准考证号</th>
                    <th>课程</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {view.seats.map((s) => (
                    <tr key={s.seatNo}>
                      <td className="num">{s.seatNo}</td>
                      <td>{s.candidateName ?? <span className="muted">空座</span>}</td>
                      <td>{s.ticketNo ?? ''}</td>
                      <td>{s.courseCode ? `${s.courseCode} ${s.courseName}` : ''}</td>
                      <td>
                        {s.assignmentId && (
                          <button
                            type="button"
                            className="link"
                            onClick={() => {
                              setTarget({ roomId: String(view.room.roomId), seatNo: '' });
                              setMoving(s);
                            }}
                          >
                            调整座位
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </DataState>
      )}
      {moving && (
        <ReasonDialog
          title={`调整座位：${moving.candidateName}`}
          description="只能调到本县区本单元的空座位；考生的准考证随之更新。"
          confirmText="调整"
          onClose={() => setMoving(null)}
          onConfirm={async (reason) => {
            await assignmentApi.move(moving.assignmentId!, {
              roomId: Number(target.roomId),
              seatNo: Number(target.seatNo),
              reason,
            });
            setNotice(`已将${moving.candidateName}调整到新座位`);
            seats.reload();
            rooms.reload();
            onMoved();
          }}
        >
          <Field label="调入考场">
            <select value={target.roomId} onChange={(e) => setTarget({ ...target, roomId: e.target.value })}>
              {(rooms.data ?? []).map((r) => (
                <option key={r.roomId} value={r.roomId}>
                  {r.venueName} 第{r.roomNo}考场（{r.assigned}/{r.seats}）
                </option>
              ))}
            </select>
          </Field>
          <Field label="座位号">
            <input
              inputMode="numeric"
              value={target.seatNo}
              onChange={(e) => setTarget({ ...target, seatNo: e.target.value })}
            />
          </Field>
        </ReasonDialog>
      )}
    </div>
  );
}
