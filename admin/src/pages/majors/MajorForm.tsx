import { MAJOR_LEVELS, MAJOR_STATUS_LABELS, MAJOR_STATUSES, type MajorDetail, type MajorStatus } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { ErrorBanner, Field } from '../../components/ui';
import { useAction } from '../../hooks';

export interface MajorFormValues {
  code: string;
  name: string;
  level: (typeof MAJOR_LEVELS)[number];
  status: MajorStatus;
  transitionEndsOn: string | null;
}

/**
 * A major's code (new majors only), name, level and status; 停考过渡期 asks for its last day. `onSave`
 * answers once saved; a refusal is shown under the form.
 */
export function MajorForm({
  initial,
  readOnly = false,
  submitText,
  onSave,
}: {
  initial: MajorDetail | null;
  readOnly?: boolean;
  submitText: string;
  onSave: (values: MajorFormValues) => Promise<unknown>;
}) {
  const [values, setValues] = useState<MajorFormValues>(() => ({
    code: initial?.code ?? '',
    name: initial?.name ?? '',
    level: (initial?.level as MajorFormValues['level']) ?? '本科',
    status: initial?.status ?? 'open',
    transitionEndsOn: initial?.transitionEndsOn ?? null,
  }));
  const action = useAction();
  const set = (change: Partial<MajorFormValues>) => setValues((v) => ({ ...v, ...change }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => onSave(values).then(() => true));
    if (saved && !initial) setValues((v) => ({ ...v, code: '', name: '' }));
  };

  return (
    <form className="form" onSubmit={submit} aria-label={initial ? '专业信息' : '新增专业'}>
      <div className="grid-3">
        <Field label="专业代码">
          <input
            name="majorCode"
            value={values.code}
            disabled={readOnly || initial !== null}
            placeholder="如 B020101"
            onChange={(e) => set({ code: e.target.value })}
          />
        </Field>
        <Field label="专业名称">
          <input
            name="majorName"
            value={values.name}
            disabled={readOnly}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <Field label="层次">
          <select
            name="majorLevel"
            value={values.level}
            disabled={readOnly}
            onChange={(e) => set({ level: e.target.value as MajorFormValues['level'] })}
          >
            {MAJOR_LEVELS.map((level) => (
              <option key={level}>{level}</option>
            ))}
          </select>
        </Field>
        <Field label="状态">
          <select
            name="majorStatus"
            value={values.status}
            disabled={readOnly}
            onChange={(e) => set({ status: e.target.value as MajorStatus })}
          >
            {MAJOR_STATUSES.map((status) => (
              <option key={status} value={status}>
                {MAJOR_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
        {values.status !== 'open' && (
          <Field label="过渡期截止日期" hint="停考过渡期内不接受新生注册；截止后本专业课程不再接受报考">
            <input
              type="date"
              name="transitionEndsOn"
              value={values.transitionEndsOn ?? ''}
              disabled={readOnly}
              onChange={(e) => set({ transitionEndsOn: e.target.value || null })}
            />
          </Field>
        )}
      </div>
      <ErrorBanner message={action.error} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={action.pending}>
            {action.pending ? '保存中…' : submitText}
          </button>
        </div>
      )}
    </form>
  );
}
