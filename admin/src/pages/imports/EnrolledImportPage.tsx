import { useEffect, useRef, useState } from 'react';
import {
  ENROLLED_PASSED_HEADERS,
  ENROLLED_SHEETS,
  ENROLLED_TICKET_HEADERS,
  IMPORT_JOB_STATE_LABELS,
  type ImportCounts,
  type ImportJobView,
} from '@kaowei/shared';
import { enrolledImportApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBanner, Notice, PageHeader, ProgressBar } from '../../components/ui';
import { useAction } from '../../hooks';

const POLL_MS = 1000;
const INTRO =
  '从原系统导入在籍考生、准考证和已合格课程。先检查文件，列出每一行的问题；文件无误后才能导入。重复导入同一文件不会改变数据，有变化的行将被更新并记入审计日志。';
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The job while a worker has it: the dry run (checking) or the import. */
const isRunning = (job: ImportJobView | null) => job?.state === 'checking' || job?.state === 'importing';

const counts = (c: ImportCounts) => `新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}`;

/**
 * 考籍导入 (province only): download the template, upload the file (checked first: every bad row with its
 * reason), then import a file without bad rows, following the progress until the summary.
 */
export function EnrolledImportPage() {
  const { isProvince } = useAuth();
  const fileInput = useRef<HTMLInputElement>(null);
  const passedInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [passedFile, setPassedFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const action = useAction();

  // Follows a running job until it is checked, done or failed.
  const { run } = action;
  // Back on the page while a job is still being checked or imported (a reload, another tab): follow it.
  useEffect(() => {
    if (!isProvince) return;
    void run(() =>
      enrolledImportApi.list().then(({ items }) => {
        const running = items.find(isRunning);
        if (running) setJob((current) => current ?? running);
      }),
    );
  }, [isProvince, run]);
  useEffect(() => {
    if (!job || !isRunning(job)) return undefined;
    const timer = setTimeout(() => {
      void run(() => enrolledImportApi.get(job.id).then(setJob));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, run]);

  if (!isProvince) {
    return (
      <>
        <PageHeader title="考籍导入" />
        <ErrorBanner message="考籍导入由省考试院进行" />
      </>
    );
  }

  const send = async () => {
    if (!file) return;
    setJob(null);
    setUpload(0);
    const created = await action.run(() =>
      enrolledImportApi.upload({ file, passedFile: passedFile ?? undefined }, setUpload),
    );
    setUpload(null);
    if (created) setJob(created);
  };
  const start = async () => {
    if (!job) return;
    const started = await action.run(() => enrolledImportApi.start(job.id));
    if (started) setJob(started);
  };
  const csv = file?.name.toLowerCase().endsWith('.csv') ?? false;
  const percent = job && job.totalRows > 0 ? Math.round((job.doneRows / job.totalRows) * 100) : 0;

  return (
    <>
      <PageHeader title="考籍导入">{INTRO}</PageHeader>
      <section className="card">
        <h2>1. 下载模板</h2>
        <p className="muted">
          Excel模板含两个工作表：“{ENROLLED_SHEETS.tickets}”（{ENROLLED_TICKET_HEADERS.join('、')}）和“
          {ENROLLED_SHEETS.passed}”（{ENROLLED_PASSED_HEADERS.join('、')}）。也可使用两个CSV文件。
        </p>
        <div className="form-actions">
          <button type="button" onClick={() => void action.run(() => enrolledImportApi.template('xlsx'))}>
            下载Excel模板
          </button>
          <button type="button" onClick={() => void action.run(() => enrolledImportApi.template('tickets.csv'))}>
            下载考籍CSV模板
          </button>
          <button type="button" onClick={() => void action.run(() => enrolledImportApi.template('passed.csv'))}>
            下载已合格课程CSV模板
          </button>
        </div>
      </section>
      <section className="card import-box">
        <h2>2. 上传并检查</h2>
        <div className="import-controls">
          <label className="inline-field">
            <span>考籍文件（.xlsx 或 .csv，不超过50MB）</span>
            <input
              ref={fileInput}
              type="file"
              name="enrolledFile"
              aria-label="选择考籍文件"
              accept={ACCEPT}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setJob(null);
                action.setError(null);
              }}
            />
          </label>
          {csv && (
            <label className="inline-field">
              <span>已合格课程CSV（可选）</span>
              <input
                ref={passedInput}
                type="file"
                name="passedFile"
                aria-label="选择已合格课程文件"
                accept=".csv,text/csv"
                onChange={(e) => setPassedFile(e.target.files?.[0] ?? null)}
              />
            </label>
          )}
          <button type="button" disabled={!file || action.pending || isRunning(job)} onClick={() => void send()}>
            上传并检查
          </button>
        </div>
        {upload !== null && (
          <ProgressBar value={upload} text={upload < 1 ? `上传中 ${Math.round(upload * 100)}%` : '服务器接收中…'} />
        )}
        <ErrorBanner message={action.error} />
      </section>
      {job && (
        <section className="card" aria-label="导入任务">
          <h2>
            3. {job.fileName}：{IMPORT_JOB_STATE_LABELS[job.state]}
          </h2>
          {isRunning(job) && (
            <ProgressBar
              value={percent / 100}
              text={`${job.state === 'checking' ? '检查' : '导入'}中：${job.doneRows}${job.totalRows ? ` / ${job.totalRows}` : ''} 行`}
            />
          )}
          {job.state === 'failed' && <ErrorBanner message={job.failure ?? '导入失败'} />}
          {job.state === 'checked' && job.errorRows === 0 && (
            <>
              <Notice kind="info" message={`检查完成：共 ${job.totalRows} 行，全部无误（尚未写入）`} />
              <div className="form-actions">
                <button type="button" className="primary" disabled={action.pending} onClick={() => void start()}>
                  开始导入
                </button>
              </div>
            </>
          )}
          {job.errorRows > 0 && (
            <>
              {job.state === 'checked' && (
                <ErrorBanner
                  message={`共 ${job.totalRows} 行，其中 ${job.errorRows} 行有误，未导入任何数据。请修改后重新上传。${
                    job.errorRows > job.errors.length ? `（下表列出前 ${job.errors.length} 个问题）` : ''
                  }`}
                />
              )}
              <table className="table compact" aria-label="错误行">
                <thead>
                  <tr>
                    <th>工作表</th>
                    <th className="num">行号</th>
                    <th>列</th>
                    <th>问题</th>
                  </tr>
                </thead>
                <tbody>
                  {job.errors.map((error, index) => (
                    <tr key={`${error.sheet}-${error.row}-${index}`}>
                      <td>{error.sheet}</td>
                      <td className="num">{error.row}</td>
                      <td>{error.field}</td>
                      <td className="danger-text">{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {job.state === 'done' && job.summary && (
            <div aria-label="导入结果">
              <Notice message={`导入完成：共 ${job.totalRows} 行`} />
              <ul>
                <li>考生：{counts(job.summary.candidates)}</li>
                <li>准考证：{counts(job.summary.tickets)}</li>
                <li>已合格课程：{counts(job.summary.passedCourses)}</li>
              </ul>
            </div>
          )}
        </section>
      )}
    </>
  );
}
