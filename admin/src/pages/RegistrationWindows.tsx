import { useState } from 'react';
import { registrationsApi } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDelete, DataState, ErrorBanner } from '../components/ui';
import { formatTime, fromLocalInput } from '../format';
import { useAction, useLoad } from '../hooks';

/**
 * 新生注册时间 (seed 003): when new candidates may register and until when offices review them; after
 * that deadline an unreviewed or rejected registration counts as withdrawn. Set by the province.
 */
export function RegistrationWindows() {
  const { official } = useAuth();
  const province = official?.role === 'province';
  const windows = useLoad(() => registrationsApi.windows(), []);
  const [form, setForm] = useState({ opensAt: '', closesAt: '', reviewClosesAt: '' });
  const [asking, setAsking] = useState<number | null>(null);
  const action = useAction();

  const add = async () => {
    const added = await action.run(() =>
      registrationsApi.addWindow({
        periodId: null,
        opensAt: fromLocalInput(form.opensAt) ?? '',
        closesAt: fromLocalInput(form.closesAt) ?? '',
        reviewClosesAt: fromLocalInput(form.reviewClosesAt) ?? '',
      }),
    );
    if (added) {
      setForm({ opensAt: '', closesAt: '', reviewClosesAt: '' });
      windows.reload();
    }
  };

  const field = (key: keyof typeof form, label: string) => (
    <label>
      {label}
      <input
        type="datetime-local"
        aria-label={label}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <details className="card" aria-label="新生注册时间">
      <summary>新生注册时间与审核截止时间</summary>
      <DataState state={windows} isEmpty={(r) => r.items.length === 0} empty="尚未设置注册时间，考生无法注册">
        {({ items }) => (
          <table className="table">
            <thead>
              <tr>
                <th>注册开始</th>
                <th>注册结束</th>
                <th>审核截止</th>
                {province && <th />}
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td>{formatTime(w.opensAt)}</td>
                  <td>{formatTime(w.closesAt)}</td>
                  <td>{formatTime(w.reviewClosesAt)}</td>
                  {province && (
                    <td>
                      <ConfirmDelete
                        asking={asking === w.id}
                        onAsk={() => setAsking(w.id)}
                        onCancel={() => setAsking(null)}
                        onConfirm={async () => {
                          setAsking(null);
                          if (await action.run(() => registrationsApi.removeWindow(w.id).then(() => true))) {
                            windows.reload();
                          }
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DataState>
      {province && (
        <div className="form-row">
          {field('opensAt', '注册开始')}
          {field('closesAt', '注册结束')}
          {field('reviewClosesAt', '审核截止')}
          <button type="button" className="primary" disabled={action.pending} onClick={add}>
            添加注册时间
          </button>
        </div>
      )}
      <ErrorBanner message={action.error} />
    </details>
  );
}
