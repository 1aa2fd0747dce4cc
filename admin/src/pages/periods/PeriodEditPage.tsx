import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatFen, type PeriodInput } from '@kaowei/shared';
import { periodsApi } from '../../api/client';
import type { Period } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataState, ErrorBanner, Field, Notice, PageHeader } from '../../components/ui';
import { fromLocalInput, toLocalInput, yuanToFen } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { OfferingsSection } from './OfferingsSection';
import { UnitsSection } from './UnitsSection';

/** Creates a period (/periods/new) or edits one with its units and course offerings. */
export function PeriodEditPage() {
  const { id } = useParams();
  const periodId = id === 'new' ? null : Number(id);
  const period = useLoad(periodId ? () => periodsApi.get(periodId) : null, [periodId]);
  const title = periodId ? `考次：${period.data?.name ?? ''}` : '新建考次';
  return (
    <>
      <PageHeader title={title} actions={<Link to="/periods">返回考次列表</Link>} />
      {periodId === null ? (
        <PeriodForm initial={null} />
      ) : (
        <DataState state={period}>
          {(p) => (
            <>
              <PeriodForm key={p.id} initial={p} onSaved={period.reload} />
              <UnitsSection periodId={p.id} />
              <OfferingsSection periodId={p.id} />
            </>
          )}
        </DataState>
      )}
    </>
  );
}

type FormState = Record<
  | 'code'
  | 'name'
  | 'bookingOpensAt'
  | 'bookingClosesAt'
  | 'paymentOpensAt'
  | 'paymentClosesAt'
  | 'payDailyStart'
  | 'payDailyEnd'
  | 'dailyReleaseTime'
  | 'refundDeadline'
  | 'printOpensAt'
  | 'printClosesAt'
  | 'feeYuan'
  | 'maxCourses'
  | 'bookingNotice'
  | 'examRules',
  string
> & { refundAllowed: boolean };

function toForm(p: Period | null): FormState {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    bookingOpensAt: toLocalInput(p?.bookingOpensAt),
    bookingClosesAt: toLocalInput(p?.bookingClosesAt),
    paymentOpensAt: toLocalInput(p?.paymentOpensAt),
    paymentClosesAt: toLocalInput(p?.paymentClosesAt),
    payDailyStart: p?.payDailyStart ?? '09:00',
    payDailyEnd: p?.payDailyEnd ?? '22:00',
    dailyReleaseTime: p?.dailyReleaseTime ?? '23:30',
    refundAllowed: p?.refundAllowed ?? true,
    refundDeadline: toLocalInput(p?.refundDeadline),
    printOpensAt: toLocalInput(p?.printOpensAt),
    printClosesAt: toLocalInput(p?.printClosesAt),
    feeYuan: p ? formatFen(p.feePerCourseFen) : '35.00',
    maxCourses: String(p?.maxCourses ?? 4),
    bookingNotice: p?.bookingNotice ?? '',
    examRules: p?.examRules ?? '',
  };
}

/**
 * Form values → the API's PeriodInput (fee in yuan → integer fen); a Chinese message when the fee or the
 * course limit is not a number. The shared schema checks the rest (windows in order) before sending.
 */
function toInput(f: FormState): PeriodInput | string {
  const fee = yuanToFen(f.feeYuan);
  if (fee === null) return '每科报考费须为金额，如 35 或 35.00（元）';
  const maxCourses = Number(f.maxCourses);
  if (!Number.isInteger(maxCourses) || maxCourses < 1) return '最多报考科数须为正整数';
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    bookingOpensAt: fromLocalInput(f.bookingOpensAt) ?? '',
    bookingClosesAt: fromLocalInput(f.bookingClosesAt) ?? '',
    paymentOpensAt: fromLocalInput(f.paymentOpensAt) ?? '',
    paymentClosesAt: fromLocalInput(f.paymentClosesAt) ?? '',
    payDailyStart: f.payDailyStart,
    payDailyEnd: f.payDailyEnd,
    dailyReleaseTime: f.dailyReleaseTime,
    refundAllowed: f.refundAllowed,
    refundDeadline: fromLocalInput(f.refundDeadline),
    printOpensAt: fromLocalInput(f.printOpensAt),
    printClosesAt: fromLocalInput(f.printClosesAt),
    feePerCourseFen: fee,
    maxCourses,
    bookingNotice: f.bookingNotice,
    examRules: f.examRules.trim() || null,
  };
}

function PeriodForm({ initial, onSaved }: { initial: Period | null; onSaved?: () => void }) {
  const { isProvince } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>(() => toForm(initial));
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const readOnly = !isProvince;

  const text = (key: keyof FormState) => ({
    name: key,
    value: form[key] as string,
    disabled: readOnly,
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const input = toInput(form);
    if (typeof input === 'string') return action.setError(input);
    const saved = await action.run(() => (initial ? periodsApi.update(initial.id, input) : periodsApi.create(input)));
    if (!saved) return;
    if (initial) {
      setNotice('考次已保存');
      onSaved?.();
    } else {
      navigate(`/periods/${saved.id}`, { replace: true });
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="考次设置">
      <h2>基本信息与时间</h2>
      <div className="grid-3">
        <Field label="考次代码">
          <input {...text('code')} placeholder="如 202704" />
        </Field>
        <Field label="考次名称">
          <input {...text('name')} placeholder="如 2027年4月" />
        </Field>
        <Field label="每科报考费（元）">
          <input {...text('feeYuan')} inputMode="decimal" />
        </Field>
        <Field label="报考开始时间">
          <input type="datetime-local" {...text('bookingOpensAt')} />
        </Field>
        <Field label="报考结束时间">
          <input type="datetime-local" {...text('bookingClosesAt')} />
        </Field>
        <Field label="最多报考科数">
          <input type="number" min={1} max={4} {...text('maxCourses')} />
        </Field>
        <Field label="缴费开始时间">
          <input type="datetime-local" {...text('paymentOpensAt')} />
        </Field>
        <Field label="缴费结束时间">
          <input type="datetime-local" {...text('paymentClosesAt')} />
        </Field>
        <Field label="每日释放未缴费考位时间">
          <input type="time" {...text('dailyReleaseTime')} />
        </Field>
        <Field label="每日缴费开始">
          <input type="time" {...text('payDailyStart')} />
        </Field>
        {/* Text, not type="time": a time field cannot hold 24:00 (paying until midnight). */}
        <Field label="每日缴费结束" hint="HH:MM，填 24:00 表示至当日结束">
          <input {...text('payDailyEnd')} inputMode="numeric" placeholder="22:00" />
        </Field>
        <label className="field checkbox">
          <input
            type="checkbox"
            name="refundAllowed"
            checked={form.refundAllowed}
            disabled={readOnly}
            onChange={(e) => setForm((f) => ({ ...f, refundAllowed: e.target.checked }))}
          />
          <span>允许考生申请退费</span>
        </label>
        <Field label="退费截止时间（可不填）">
          <input type="datetime-local" {...text('refundDeadline')} />
        </Field>
        <Field label="准考证打印开始（可不填）">
          <input type="datetime-local" {...text('printOpensAt')} />
        </Field>
        <Field label="准考证打印结束（可不填）">
          <input type="datetime-local" {...text('printClosesAt')} />
        </Field>
      </div>
      <Field label="报考须知">
        <textarea rows={5} {...text('bookingNotice')} />
      </Field>
      <Field label="考场规则 / 应试须知" hint="印在准考证上；不填时打印默认的考场规则">
        <textarea rows={5} {...text('examRules')} />
      </Field>
      <Notice message={notice} />
      <ErrorBanner message={action.error} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={action.pending}>
            {action.pending ? '保存中…' : initial ? '保存考次' : '创建考次'}
          </button>
        </div>
      )}
    </form>
  );
}
