import { useState, type FormEvent } from 'react';
import { HALF_DAY_LABELS, type NoticePreviewInput, type NoticePreviewView, type NoticeView } from '@kaowei/shared';
import { noticesApi, periodsApi } from '../../api/client';
import { PeriodSelect, usePeriod } from '../../components/PeriodSelect';
import { DataState, ErrorBanner, Field, Notice, PageHeader, Pager, ReasonDialog } from '../../components/ui';
import { formatTime } from '../../format';
import { useAction, useCounties, useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** 群发通知: filters → how many candidates and what they read → confirm with a reason; below, what was sent. */
export function NoticesPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const counties = useCounties();
  const units = useLoad(periodId ? () => periodsApi.units(periodId) : null, [periodId]);
  const [form, setForm] = useState({ countyId: '', unitId: '', courseCode: '', title: '', body: '' });
  const [preview, setPreview] = useState<NoticePreviewView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { page, setPage } = useFilters([]);
  const sent = useLoad(() => noticesApi.list({ page, pageSize: PAGE_SIZE }), [page]);

  const change = (key: keyof typeof form) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setPreview(null);
  };
  const input = (): NoticePreviewInput => ({
    periodId: periodId ?? 0,
    countyId: form.countyId ? Number(form.countyId) : null,
    unitId: form.unitId ? Number(form.unitId) : null,
    courseCode: form.courseCode.trim() || null,
    title: form.title,
    body: form.body,
  });
  const showPreview = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const answer = await action.run(() => noticesApi.preview(input()));
    setPreview(answer ?? null);
  };
  const send = async (reason: string) => {
    const result: NoticeView = await noticesApi.send({ ...input(), reason });
    setNotice(`已提交：通知 ${result.recipients} 名考生，预计 ${formatTime(result.sendsUntil)} 前发送完毕`);
    setPreview(null);
    sent.reload();
  };

  return (
    <>
      <PageHeader title="群发通知" actions={<PeriodSelect state={periodState} />}>
        向本辖区在所选考次已保存、确认或缴费考位的考生发送通知（如考点变更、考试延期）。考生订阅了微信消息的发订阅消息，否则发短信；按限速逐批发送，夜间（22:30–8:00）不发送。
      </PageHeader>
      <Notice message={notice} />
      <form className="card form" onSubmit={showPreview} aria-label="通知范围和内容">
        <div className="filters">
          <label className="inline-field">
            <span>县（市、区）</span>
            <select
              aria-label="县（市、区）"
              value={form.countyId}
              onChange={(e) => change('countyId')(e.target.value)}
            >
              <option value="">本辖区全部</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.cityName} {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>考试单元</span>
            <select aria-label="考试单元" value={form.unitId} onChange={(e) => change('unitId')(e.target.value)}>
              <option value="">全部</option>
              {units.data?.items.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.code} · {u.examDate} {HALF_DAY_LABELS[u.halfDay]}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>课程代码</span>
            <input
              name="courseCode"
              aria-label="课程代码"
              placeholder="可选，5位数字"
              value={form.courseCode}
              onChange={(e) => change('courseCode')(e.target.value)}
            />
          </label>
        </div>
        <Field label="标题" hint="不超过20字，如：考点变更">
          <input name="title" value={form.title} onChange={(e) => change('title')(e.target.value)} />
        </Field>
        <Field label="通知内容" hint="订阅消息只显示前20字，短信显示前35字">
          <textarea name="body" rows={3} value={form.body} onChange={(e) => change('body')(e.target.value)} />
        </Field>
        <ErrorBanner message={action.error} />
        <div className="form-actions">
          <button type="submit" disabled={!periodId || action.pending}>
            {action.pending ? '统计中…' : '统计人数并预览'}
          </button>
        </div>
      </form>
      {preview && (
        <div className="card" aria-label="通知预览">
          <div className="section-title">
            <h2>将通知 {preview.recipients} 名考生</h2>
            <button
              type="button"
              className="primary"
              disabled={preview.recipients === 0}
              onClick={() => setConfirming(true)}
            >
              发送通知
            </button>
          </div>
          <dl className="facts">
            <dt>订阅消息</dt>
            <dd>
              {preview.wechat.title}：{preview.wechat.body}
            </dd>
            <dt>短信内容</dt>
            <dd>{preview.sms.join(' / ')}</dd>
          </dl>
        </div>
      )}
      {confirming && preview && (
        <ReasonDialog
          title="确认发送群发通知"
          description={`将向 ${preview.recipients} 名考生发送“${form.title}”，发送后不能撤回。`}
          confirmText="确认发送"
          onConfirm={send}
          onClose={() => setConfirming(false)}
        />
      )}
      <h2>群发记录</h2>
      <DataState state={sent} isEmpty={(p) => p.items.length === 0} empty="暂无群发记录">
        {(p) => (
          <div className="card scroll-x">
            <table className="table" aria-label="群发记录列表">
              <thead>
                <tr>
                  <th>发送时间</th>
                  <th>标题</th>
                  <th>范围</th>
                  <th>发送人</th>
                  <th>原因</th>
                  <th className="num">人数</th>
                  <th className="num">已发送</th>
                  <th className="num">失败</th>
                  <th className="num">待发送</th>
                  <th className="num">未发送</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((n) => (
                  <tr key={n.id}>
                    <td className="nowrap">{formatTime(n.createdAt)}</td>
                    <td title={n.body}>{n.title}</td>
                    <td>
                      {[n.periodName, n.countyName, n.unitCode && `单元${n.unitCode}`, n.courseCode]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td>{n.officialName}</td>
                    <td>{n.reason}</td>
                    <td className="num">{n.recipients}</td>
                    <td className="num">{n.deliveries.sent}</td>
                    <td className="num">{n.deliveries.failed}</td>
                    <td className="num">{n.deliveries.pending}</td>
                    <td className="num">{n.deliveries.skipped}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={p.page} pageSize={p.pageSize} total={p.total} onPage={setPage} />
          </div>
        )}
      </DataState>
    </>
  );
}
