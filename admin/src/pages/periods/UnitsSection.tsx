import { useState, type FormEvent } from 'react';
import { periodsApi } from '../../api/client';
import { HALF_DAY_LABELS, type UnitInput } from '@kaowei/shared';
import type { ExamUnit } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDelete, DataState, ErrorBanner } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';

const BLANK: UnitInput = { code: '', examDate: '', halfDay: 'am', startTime: '09:00', endTime: '11:30' };

/** The exam units (sittings) of a period: add, edit, delete (the server refuses deleting a used unit). */
export function UnitsSection({ periodId }: { periodId: number }) {
  const { isProvince } = useAuth();
  const units = useLoad(() => periodsApi.units(periodId), [periodId]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const action = useAction();

  const remove = async (id: number) => {
    const done = await action.run(() => periodsApi.deleteUnit(id).then(() => true));
    setConfirmDelete(null);
    if (done) units.reload();
  };

  return (
    <section className="card" aria-label="考试单元">
      <div className="section-title">
        <h2>考试单元</h2>
        {isProvince && editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            添加考试单元
          </button>
        )}
      </div>
      <ErrorBanner message={action.error} />
      <DataState state={units}>
        {({ items }) => (
          <table className="table" aria-label="考试单元列表">
            <thead>
              <tr>
                <th>单元代码</th>
                <th>考试日期</th>
                <th>上午/下午</th>
                <th>开始</th>
                <th>结束</th>
                {isProvince && <th />}
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && editing !== 'new' && (
                <tr>
                  <td colSpan={6} className="empty">
                    尚未设置考试单元
                  </td>
                </tr>
              )}
              {items.map((unit) =>
                editing === unit.id ? (
                  <UnitRow
                    key={unit.id}
                    initial={unit}
                    onCancel={() => setEditing(null)}
                    onSave={async (input) => {
                      await periodsApi.updateUnit(unit.id, input);
                      setEditing(null);
                      units.reload();
                    }}
                  />
                ) : (
                  <tr key={unit.id}>
                    <td>{unit.code}</td>
                    <td>{unit.examDate}</td>
                    <td>{HALF_DAY_LABELS[unit.halfDay]}</td>
                    <td>{unit.startTime}</td>
                    <td>{unit.endTime}</td>
                    {isProvince && (
                      <td className="row-actions">
                        <button type="button" className="link" onClick={() => setEditing(unit.id)}>
                          编辑
                        </button>
                        <ConfirmDelete
                          asking={confirmDelete === unit.id}
                          onAsk={() => setConfirmDelete(unit.id)}
                          onCancel={() => setConfirmDelete(null)}
                          onConfirm={() => remove(unit.id)}
                        />
                      </td>
                    )}
                  </tr>
                ),
              )}
              {editing === 'new' && (
                <UnitRow
                  initial={null}
                  onCancel={() => setEditing(null)}
                  onSave={async (input) => {
                    await periodsApi.createUnit(periodId, input);
                    setEditing(null);
                    units.reload();
                  }}
                />
              )}
            </tbody>
          </table>
        )}
      </DataState>
    </section>
  );
}

function UnitRow({
  initial,
  onSave,
  onCancel,
}: {
  initial: ExamUnit | null;
  onSave: (input: UnitInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [unit, setUnit] = useState<UnitInput>(() => (initial ? { ...initial } : BLANK));
  const action = useAction();
  const set = (key: keyof UnitInput) => (e: { target: { value: string } }) =>
    setUnit((u) => ({ ...u, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!unit.code.trim() || !unit.examDate) return action.setError('请填写单元代码和考试日期');
    void action.run(() => onSave({ ...unit, code: unit.code.trim() }));
  };
  return (
    <tr className="editing">
      <td>
        <input name="unitCode" aria-label="单元代码" value={unit.code} onChange={set('code')} form="unit-form" />
      </td>
      <td>
        <input name="examDate" aria-label="考试日期" type="date" value={unit.examDate} onChange={set('examDate')} />
      </td>
      <td>
        <select
          name="halfDay"
          aria-label="上午/下午"
          value={unit.halfDay}
          onChange={(e) => {
            const halfDay = e.target.value as UnitInput['halfDay'];
            setUnit((u) => ({
              ...u,
              halfDay,
              ...(initial
                ? {}
                : halfDay === 'am'
                  ? { startTime: '09:00', endTime: '11:30' }
                  : { startTime: '14:30', endTime: '17:00' }),
            }));
          }}
        >
          <option value="am">上午</option>
          <option value="pm">下午</option>
        </select>
      </td>
      <td>
        <input name="startTime" aria-label="开始时间" type="time" value={unit.startTime} onChange={set('startTime')} />
      </td>
      <td>
        <input name="endTime" aria-label="结束时间" type="time" value={unit.endTime} onChange={set('endTime')} />
      </td>
      <td className="row-actions">
        <form id="unit-form" onSubmit={submit} className="inline">
          <button type="submit" className="primary small" disabled={action.pending}>
            保存
          </button>
          <button type="button" className="small" onClick={onCancel}>
            取消
          </button>
        </form>
        {action.error && <div className="danger-text small-text">{action.error}</div>}
      </td>
    </tr>
  );
}
