import { useState, type FormEvent } from 'react';
import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  CANDIDATE_APPLICATION_KINDS,
  type ApplicationWindowView,
  type CandidateApplicationKind,
} from '@kaowei/shared';
import { applicationsApi, periodsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Badge, ConfirmDelete, DataState, ErrorBanner, Field, Notice, PageHeader } from '../../components/ui';
import { formatTime, fromLocalInput } from '../../format';
import { useAction, useLoad } from '../../hooks';

/** Whether a window is open now, to come or over (the server's clock decides for candidates). */
function phaseOf(w: ApplicationWindowView, now = Date.now()) {
  if (Date.parse(w.closesAt) <= now) return { value: 'closed', text: '已结束' };
  if (Date.parse(w.opensAt) > now) return { value: 'pending', text: '未开始' };
  return { value: 'approved', text: '办理中' };
}

/** 业务办理时间: when candidates may file each kind, per exam period or standing; set by the province. */
export function ApplicationWindowsPage() {
  const { official } = useAuth();
  const isProvince = official?.role === 'province';
  const windows = useLoad(() => applicationsApi.windows(), []);
  const periods = useLoad(() => periodsApi.list().then((r) => r.items), []);
  const periodName = (id: number | null) =>
    id === null ? '长期' : (periods.data?.find((p) => p.id === id)?.name ?? `考次 ${id}`);
  const [asking, setAsking] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useAction();

  const confirmRemove = async (w: ApplicationWindowView) => {
    setAsking(null);
    const done = await remove.run(() => applicationsApi.removeWindow(w.id).then(() => true));
    if (done) {
      setNotice(`已删除${w.kindLabel}的办理时间`);
      windows.reload();
    }
  };

  return (
    <>
      <PageHeader title="业务办理时间">
        考生只能在办理时间内提交申请（含修改后重新提交）；可按考次设置，也可设为长期办理。
      </PageHeader>
      <Notice message={notice} />
      <ErrorBanner message={remove.error} />
      {isProvince && (
        <WindowForm
          periods={periods.data ?? []}
          onAdded={(w) => {
            setNotice(`已添加${w.kindLabel}的办理时间`);
            windows.reload();
          }}
        />
      )}
      <DataState state={windows} isEmpty={(r) => r.items.length === 0} empty="尚未设置办理时间">
        {(r) => (
          <div className="card">
            <table className="table" aria-label="办理时间列表">
              <thead>
                <tr>
                  <th>办理事项</th>
                  <th>考次</th>
                  <th>开始时间</th>
                  <th>结束时间</th>
                  <th>状态</th>
                  {isProvince && <th />}
                </tr>
              </thead>
              <tbody>
                {r.items.map((w) => {
                  const phase = phaseOf(w);
                  return (
                    <tr key={w.id}>
                      <td>{w.kindLabel}</td>
                      <td>{periodName(w.periodId)}</td>
                      <td>{formatTime(w.opensAt)}</td>
                      <td>{formatTime(w.closesAt)}</td>
                      <td>
                        <Badge value={phase.value} text={phase.text} />
                      </td>
                      {isProvince && (
                        <td>
                          <ConfirmDelete
                            asking={asking === w.id}
                            onAsk={() => setAsking(w.id)}
                            onCancel={() => setAsking(null)}
                            onConfirm={() => void confirmRemove(w)}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </>
  );
}

function WindowForm({
  periods,
  onAdded,
}: {
  periods: Array<{ id: number; name: string; code: string }>;
  onAdded: (w: ApplicationWindowView) => void;
}) {
  const [kind, setKind] = useState<CandidateApplicationKind>('info_change');
  const [periodId, setPeriodId] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const added = await action.run(() =>
      applicationsApi.addWindow({
        kind,
        periodId: periodId ? Number(periodId) : null,
        opensAt: fromLocalInput(opensAt) ?? '',
        closesAt: fromLocalInput(closesAt) ?? '',
      }),
    );
    if (added) onAdded(added);
  };
  return (
    <form className="card form" aria-label="添加办理时间" onSubmit={submit}>
      <div className="grid-3">
        <Field label="办理事项">
          <select value={kind} onChange={(e) => setKind(e.target.value as CandidateApplicationKind)}>
            {CANDIDATE_APPLICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {CANDIDATE_APPLICATION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="考次">
          <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
            <option value="">长期办理（不限考次）</option>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}（{p.code}）
              </option>
            ))}
          </select>
        </Field>
        <Field label="开始时间">
          <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        </Field>
        <Field label="结束时间">
          <input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </Field>
      </div>
      <ErrorBanner message={action.error} />
      <div className="form-actions start">
        <button type="submit" className="primary" disabled={action.pending}>
          {action.pending ? '保存中…' : '添加办理时间'}
        </button>
      </div>
    </form>
  );
}
