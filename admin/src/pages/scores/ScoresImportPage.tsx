import { useCallback, useEffect, useState } from 'react';
import { PRACTICAL_GRADES, SCORE_IMPORT_HEADERS, SCORE_MARK_LABELS, type ScoreView } from '@kaowei/shared';
import { scoresApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBanner, Field, Notice, PageHeader } from '../../components/ui';
import { formatTime, fromLocalInput, toLocalInput } from '../../format';
import { useAction, useLoad } from '../../hooks';
import {
  countsText,
  ImportJobSection,
  isRunning,
  ProvinceOnly,
  SheetUpload,
  TemplateButtons,
  useImportJob,
} from '../imports/ImportJobParts';
import {
  CorrectionFields,
  correctionInput,
  correctionReady,
  EMPTY_CORRECTION,
  resultText,
  type CorrectionDraft,
} from './scoreCorrectionFields';

const SCORES_JOB_API = { get: scoresApi.job, start: scoresApi.start };

const INTRO =
  '按考次导入成绩（省考试院）：先检查文件，列出每一行的问题；文件无误后才能导入，重复导入同一文件不会改变数据。成绩在发布时间到达前考生不可见；发布后如需更改，请使用下方的成绩更正并填写原因。';

/** 成绩更正: find one score by ticket and course, then give the new result and a reason. */
function CorrectionForm({ periodId }: { periodId: number }) {
  const [ticketNo, setTicketNo] = useState('');
  const [courseCode, setCourseCode] = useState('');
  const [found, setFound] = useState<ScoreView | null>(null);
  const [draft, setDraft] = useState<CorrectionDraft>(EMPTY_CORRECTION);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const find = async () => {
    setFound(null);
    setDone(null);
    const score = await action.run(() =>
      scoresApi.find({ periodId, ticketNo: ticketNo.trim(), courseCode: courseCode.trim() }),
    );
    if (score) setFound(score);
  };
  const correct = async () => {
    if (!found) return;
    const answer = await action.run(() => scoresApi.correct(found.id, correctionInput(draft)));
    if (!answer) return;
    setFound(answer.score);
    setDraft({ ...draft, reason: '' });
    setDone(answer.changed ? `已更正为${resultText(answer.score)}` : '成绩未变化');
  };

  return (
    <section className="card" aria-label="成绩更正">
      <h2>成绩更正</h2>
      <div className="import-controls">
        <Field label="准考证号">
          <input aria-label="更正准考证号" value={ticketNo} onChange={(e) => setTicketNo(e.target.value)} />
        </Field>
        <Field label="课程代码">
          <input aria-label="更正课程代码" value={courseCode} onChange={(e) => setCourseCode(e.target.value)} />
        </Field>
        <button type="button" disabled={action.pending || !ticketNo || !courseCode} onClick={() => void find()}>
          查找成绩
        </button>
      </div>
      {found && (
        <div aria-label="当前成绩">
          <p>
            {found.candidateName}，{found.ticketNo}，{found.courseCode} {found.courseName}：当前
            <strong>{resultText(found)}</strong>（{found.passed ? '合格' : '不合格'}）
          </p>
          <div className="import-controls">
            <CorrectionFields draft={draft} onChange={setDraft} />
            <button
              type="button"
              className="primary"
              disabled={action.pending || !correctionReady(draft)}
              onClick={() => void correct()}
            >
              提交更正
            </button>
          </div>
        </div>
      )}
      <Notice message={done} />
      <ErrorBanner message={action.error} />
    </section>
  );
}

/**
 * 成绩导入与发布 (province only): choose the period, set its publish time, download the template, upload
 * (checked first: every bad row with its reason), import a clean file following its progress, and correct a
 * single score with a reason.
 */
export function ScoresImportPage() {
  const { isProvince } = useAuth();
  const periods = useLoad(isProvince ? () => scoresApi.periods() : null, [isProvince]);
  const [periodId, setPeriodId] = useState<number | null>(null);
  const [publishAt, setPublishAt] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [reviewDays, setReviewDays] = useState('');
  const publishAction = useAction();
  const latestJobs = useCallback(() => scoresApi.jobs(periodId!), [periodId]);
  const {
    job,
    forget,
    upload,
    action,
    send: sendFile,
    start,
  } = useImportJob(SCORES_JOB_API, periodId === null ? null : latestJobs);

  const period = periods.data?.find((p) => p.id === periodId) ?? null;
  useEffect(() => {
    if (periodId === null && periods.data?.[0]) setPeriodId(periods.data[0].id);
  }, [periods.data, periodId]);
  useEffect(() => {
    setPublishAt(toLocalInput(period?.scoresPublishAt));
  }, [period?.id, period?.scoresPublishAt]);
  useEffect(() => {
    setReviewDays(period ? String(period.scoreReviewDays) : '');
  }, [period?.id, period?.scoreReviewDays]);
  // The saved notice belongs to the period it was saved for.
  useEffect(() => setSaved(null), [periodId]);
  // A finished import changed the period's score count.
  const reloadPeriods = periods.reload;
  useEffect(() => {
    if (job?.state === 'done') reloadPeriods();
  }, [job?.state, reloadPeriods]);

  if (!isProvince) return <ProvinceOnly title="成绩导入与发布" />;

  const send = async () => {
    if (!file || periodId === null) return;
    await sendFile((onProgress) => scoresApi.upload(periodId, file, onProgress));
  };
  const savePublish = async () => {
    if (periodId === null) return;
    const answer = await publishAction.run(() => scoresApi.setPublishTime(periodId, fromLocalInput(publishAt)));
    if (!answer) return;
    setSaved(answer.scoresPublishAt ? `成绩发布时间已设为 ${formatTime(answer.scoresPublishAt)}` : '已取消发布时间');
    periods.reload();
  };

  const saveReviewDays = async () => {
    if (periodId === null) return;
    const answer = await publishAction.run(() => scoresApi.setReviewDays(periodId, Number(reviewDays)));
    if (!answer) return;
    setSaved(`成绩复核申请期限已设为成绩发布后 ${answer.scoreReviewDays} 个工作日`);
    periods.reload();
  };

  return (
    <>
      <PageHeader title="成绩导入与发布">{INTRO}</PageHeader>
      <section className="card" aria-label="成绩发布">
        <h2>1. 考次与成绩发布</h2>
        <ErrorBanner message={periods.error} />
        <div className="import-controls">
          <Field label="考次">
            <select
              aria-label="考次"
              value={periodId ?? ''}
              onChange={(e) => setPeriodId(e.target.value ? Number(e.target.value) : null)}
            >
              {(periods.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}（{p.code}）
                </option>
              ))}
            </select>
          </Field>
          {period && (
            <>
              <Field label="成绩发布时间">
                <input
                  aria-label="成绩发布时间"
                  type="datetime-local"
                  value={publishAt}
                  disabled={period.published}
                  onChange={(e) => setPublishAt(e.target.value)}
                />
              </Field>
              <button
                type="button"
                className="primary"
                disabled={period.published || publishAction.pending}
                onClick={() => void savePublish()}
              >
                保存发布时间
              </button>
              <Field label="成绩复核期限（工作日）" hint="成绩发布后的工作日（周一至周五）内可申请成绩复核">
                <input
                  aria-label="成绩复核期限"
                  type="number"
                  min={1}
                  max={30}
                  value={reviewDays}
                  onChange={(e) => setReviewDays(e.target.value)}
                />
              </Field>
              <button
                type="button"
                disabled={publishAction.pending || reviewDays === ''}
                onClick={() => void saveReviewDays()}
              >
                保存复核期限
              </button>
            </>
          )}
        </div>
        {period && (
          <p className="muted" aria-label="发布状态">
            {period.published
              ? `成绩已于 ${formatTime(period.scoresPublishAt)} 发布，发布时间不能再修改`
              : period.scoresPublishAt
                ? `成绩将于 ${formatTime(period.scoresPublishAt)} 发布，发布前考生看不到成绩`
                : '尚未设置发布时间，考生看不到成绩'}
            ；本考次已有成绩 {period.scoreCount} 条；成绩复核须在发布后 {period.scoreReviewDays} 个工作日内申请。
          </p>
        )}
        <Notice message={saved} />
        <ErrorBanner message={publishAction.error} />
      </section>
      <section className="card import-box">
        <h2>2. 下载模板、上传并检查</h2>
        <p className="muted">
          列：{SCORE_IMPORT_HEADERS.join('、')}。每行的成绩（0至100的整数）、等级（{PRACTICAL_GRADES.join('、')}
          ）、标记（
          {Object.values(SCORE_MARK_LABELS).join('、')}）只填一项；准考证须在本考次报考并已缴费该课程。
        </p>
        <TemplateButtons
          run={action.run}
          templates={[
            ['下载Excel模板', () => scoresApi.template('xlsx')],
            ['下载CSV模板', () => scoresApi.template('csv')],
          ]}
        />
        <SheetUpload
          what="成绩"
          name="scoresFile"
          onFile={(chosen) => {
            setFile(chosen);
            forget();
          }}
          canSend={!!file && periodId !== null && !action.pending && !isRunning(job)}
          onSend={() => void send()}
          upload={upload}
          error={action.error}
        />
      </section>
      {job && (
        <ImportJobSection
          job={job}
          pending={action.pending}
          onStart={() => void start()}
          result={
            job.summary && (
              <ul>
                <li>成绩：{countsText(job.summary.scores)}</li>
                <li>
                  已合格课程：{countsText(job.summary.passedCourses)}，移除 {job.summary.passedCourses.removed}
                </li>
              </ul>
            )
          }
        />
      )}
      {periodId !== null && <CorrectionForm key={periodId} periodId={periodId} />}
    </>
  );
}
