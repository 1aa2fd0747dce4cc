import { majorStatusText, type MajorDetail, type PlanCourseView } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { majorsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDelete, DataState, ErrorBanner, Field, Notice, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { MajorForm } from './MajorForm';

/** One major: its details and status (province edits), and its course plan editor. */
export function MajorDetailPage() {
  const id = Number(useParams().id);
  const { isProvince } = useAuth();
  const major = useLoad(() => majorsApi.get(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="专业详情" actions={<Link to="/majors">返回专业列表</Link>} />
      <Notice message={notice} />
      <DataState state={major}>
        {(m) => (
          <>
            <div className="card">
              <h2>
                {m.code} {m.name} <span className="muted">{majorStatusText(m)}</span>
              </h2>
              <MajorForm
                key={`${m.id}-${m.status}-${m.transitionEndsOn}-${m.name}-${m.level}`}
                initial={m}
                readOnly={!isProvince}
                submitText="保存专业"
                onSave={async (values) => {
                  await majorsApi.update(m.id, {
                    name: values.name,
                    level: values.level,
                    status: values.status,
                    transitionEndsOn: values.transitionEndsOn,
                  });
                  setNotice('专业已保存');
                  major.reload();
                }}
              />
            </div>
            <CoursePlan major={m} editable={isProvince} onChanged={major.reload} />
          </>
        )}
      </DataState>
    </>
  );
}

interface PlanForm {
  courseCode: string;
  required: boolean;
  credits: string;
  practical: boolean;
}

const EMPTY: PlanForm = { courseCode: '', required: true, credits: '', practical: false };

function CoursePlan({ major, editable, onChanged }: { major: MajorDetail; editable: boolean; onChanged: () => void }) {
  const [form, setForm] = useState<PlanForm>(EMPTY);
  const [removing, setRemoving] = useState<string | null>(null);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const credits = form.credits.trim() === '' ? null : Number(form.credits);
    const saved = await action.run(() =>
      majorsApi.setCourse(major.id, {
        courseCode: form.courseCode.trim(),
        required: form.required,
        credits,
        practical: form.practical,
      }),
    );
    if (saved) {
      setForm(EMPTY);
      onChanged();
    }
  };
  const remove = async (code: string) => {
    const done = await action.run(() => majorsApi.removeCourse(major.id, code));
    setRemoving(null);
    if (done) onChanged();
  };
  const edit = (c: PlanCourseView) =>
    setForm({
      courseCode: c.courseCode,
      required: c.required,
      credits: c.ownCredits ? String(c.credits) : '',
      practical: c.practical,
    });

  return (
    <section className="card" aria-label="课程计划">
      <div className="section-title">
        <h2>课程计划</h2>
        <span className="muted">共 {major.courses.length} 门</span>
      </div>
      {editable && (
        <form className="form" onSubmit={submit} aria-label="添加或修改计划课程">
          <div className="grid-3">
            <Field label="课程代码">
              <input
                name="planCourseCode"
                value={form.courseCode}
                placeholder="5位数字"
                onChange={(e) => setForm((f) => ({ ...f, courseCode: e.target.value }))}
              />
            </Field>
            <Field label="必考/选考">
              <select
                name="planRequired"
                value={form.required ? 'required' : 'elective'}
                onChange={(e) => setForm((f) => ({ ...f, required: e.target.value === 'required' }))}
              >
                <option value="required">必考</option>
                <option value="elective">选考</option>
              </select>
            </Field>
            <Field label="学分" hint="不填则用课程本身的学分">
              <input
                name="planCredits"
                inputMode="numeric"
                value={form.credits}
                onChange={(e) => setForm((f) => ({ ...f, credits: e.target.value }))}
              />
            </Field>
            <Field label="理论/实践">
              <select
                name="planPractical"
                value={form.practical ? 'practical' : 'theory'}
                onChange={(e) => setForm((f) => ({ ...f, practical: e.target.value === 'practical' }))}
              >
                <option value="theory">理论</option>
                <option value="practical">实践</option>
              </select>
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={action.pending}>
              保存计划课程
            </button>
          </div>
        </form>
      )}
      <ErrorBanner message={action.error} />
      {major.courses.length === 0 ? (
        <div className="empty small">尚未设置课程计划</div>
      ) : (
        <table className="table compact" aria-label="计划课程列表">
          <thead>
            <tr>
              <th>课程代码</th>
              <th>课程名称</th>
              <th>必考/选考</th>
              <th className="num">学分</th>
              <th>理论/实践</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {major.courses.map((c) => (
              <tr key={c.courseId}>
                <td className="code">{c.courseCode}</td>
                <td>{c.courseName}</td>
                <td>{c.required ? '必考' : '选考'}</td>
                <td className="num">
                  {c.credits}
                  {!c.ownCredits && <span className="muted">（课程学分）</span>}
                </td>
                <td>{c.practical ? '实践' : '理论'}</td>
                {editable && (
                  <td className="row-actions">
                    <button type="button" className="link" onClick={() => edit(c)}>
                      修改
                    </button>
                    <ConfirmDelete
                      asking={removing === c.courseCode}
                      onAsk={() => setRemoving(c.courseCode)}
                      onCancel={() => setRemoving(null)}
                      onConfirm={() => remove(c.courseCode)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
