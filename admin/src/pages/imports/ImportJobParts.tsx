import { useEffect, useState, type ReactNode, type Ref } from 'react';
import { IMPORT_JOB_STATE_LABELS, type ImportCounts, type ImportJobView, type ImportRowError } from '@kaowei/shared';
import { ErrorBanner, Notice, PageHeader, ProgressBar } from '../../components/ui';
import { useAction } from '../../hooks';

/** The job while a worker has it: the dry run (checking) or the import. */
export const isRunning = (job: { state: string } | null) => job?.state === 'checking' || job?.state === 'importing';

/** How often a page asks for a running job's progress. */
const POLL_MS = 1000;

export const SHEET_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The refused rows of a dry run: sheet, row number as the spreadsheet shows it, column and reason. */
export function ImportErrorTable({ errors }: { errors: ImportRowError[] }) {
  return (
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
        {errors.map((error, index) => (
          <tr key={`${error.sheet}-${error.row}-${index}`}>
            <td>{error.sheet}</td>
            <td className="num">{error.row}</td>
            <td>{error.field}</td>
            <td className="danger-text">{error.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "新增 1，更新 0，未变 2". */
export const countsText = (c: ImportCounts) => `新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}`;

/** "有N行有误" with how many of them the table lists. */
const refusedText = (job: { totalRows: number; errorRows: number; errors: unknown[] }) =>
  `共 ${job.totalRows} 行，其中 ${job.errorRows} 行有误，未导入任何数据。请修改后重新上传。${
    job.errorRows > job.errors.length ? `（下表列出前 ${job.errors.length} 个问题）` : ''
  }`;

/**
 * An import job as the official follows it: its progress while a worker has it, why it failed, the dry run's
 * verdict (开始导入 for a clean file, the refused rows otherwise), and once done `result` (the summary).
 */
export function ImportJobSection({
  job,
  pending,
  onStart,
  result,
}: {
  job: Omit<ImportJobView, 'summary'>;
  pending: boolean;
  onStart: () => void;
  result: ReactNode;
}) {
  const percent = job.totalRows > 0 ? Math.round((job.doneRows / job.totalRows) * 100) : 0;
  return (
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
            <button type="button" className="primary" disabled={pending} onClick={onStart}>
              开始导入
            </button>
          </div>
        </>
      )}
      {job.errorRows > 0 && (
        <>
          {job.state === 'checked' && <ErrorBanner message={refusedText(job)} />}
          <ImportErrorTable errors={job.errors} />
        </>
      )}
      {job.state === 'done' && result && (
        <div aria-label="导入结果">
          <Notice message={`导入完成：共 ${job.totalRows} 行`} />
          {result}
        </div>
      )}
    </section>
  );
}

/** The endpoints of one kind of import job that the page follows. */
export interface ImportJobApi<J> {
  get: (id: number) => Promise<J>;
  start: (id: number) => Promise<J>;
}

/**
 * An import job followed on a page: `send` uploads (progress in `upload`), then the job is polled while a
 * worker has it; `start` imports a clean one. `latest` (the kind's recent jobs, null to skip) picks up a job
 * still running when the page opens (a reload, another tab).
 */
export function useImportJob<J extends Omit<ImportJobView, 'summary'>>(
  api: ImportJobApi<J>,
  latest: (() => Promise<{ items: J[] }>) | null,
) {
  const [upload, setUpload] = useState<number | null>(null);
  const [job, setJob] = useState<J | null>(null);
  const action = useAction();
  const { run } = action;
  useEffect(() => {
    setJob(null);
    if (!latest) return;
    void run(() =>
      latest().then(({ items }) => {
        const running = items.find(isRunning);
        if (running) setJob((current) => current ?? running);
      }),
    );
  }, [latest, run]);
  useEffect(() => {
    if (!job || !isRunning(job)) return undefined;
    const timer = setTimeout(() => {
      void run(() => api.get(job.id).then(setJob));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job, run]);

  const send = async (uploadFile: (onProgress: (fraction: number) => void) => Promise<J>) => {
    setJob(null);
    setUpload(0);
    const created = await action.run(() => uploadFile(setUpload));
    setUpload(null);
    if (created) setJob(created);
  };
  const start = async () => {
    if (!job) return;
    const started = await action.run(() => api.start(job.id));
    if (started) setJob(started);
  };
  /** A new file was chosen: the job shown and the last error belong to the old one. */
  const forget = () => {
    setJob(null);
    action.setError(null);
  };
  return { job, setJob, upload, action, send, start, forget };
}

/** The file field of an import page: "考籍文件（.xlsx 或 .csv，不超过50MB）", labelled 选择考籍文件. */
export function SheetFileField({
  what,
  name,
  onFile,
  inputRef,
}: {
  what: string;
  name: string;
  onFile: (file: File | null) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <label className="inline-field">
      <span>{what}文件（.xlsx 或 .csv，不超过50MB）</span>
      <input
        ref={inputRef}
        type="file"
        name={name}
        aria-label={`选择${what}文件`}
        accept={SHEET_ACCEPT}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
    </label>
  );
}

/** The upload's progress, then the wait while the server takes the file. */
export function UploadProgress({ upload }: { upload: number | null }) {
  if (upload === null) return null;
  return <ProgressBar value={upload} text={upload < 1 ? `上传中 ${Math.round(upload * 100)}%` : '服务器接收中…'} />;
}

/** What an office below the province sees on an import page: the page exists, the work is the province's. */
export function ProvinceOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <ErrorBanner message={`${title}由省考试院进行`} />
    </>
  );
}

/** 下载Excel模板, 下载CSV模板…: each button downloads one template through the page's action. */
export function TemplateButtons({
  templates,
  run,
}: {
  templates: Array<[label: string, download: () => Promise<unknown>]>;
  run: (work: () => Promise<unknown>) => Promise<unknown>;
}) {
  return (
    <div className="form-actions">
      {templates.map(([label, download]) => (
        <button key={label} type="button" onClick={() => void run(download)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * The upload row of an import page: the file field, any further fields (`children`), 上传并检查, then the
 * upload's progress and the last error.
 */
export function SheetUpload({
  what,
  name,
  inputRef,
  onFile,
  canSend,
  onSend,
  upload,
  error,
  children,
}: {
  what: string;
  name: string;
  inputRef?: Ref<HTMLInputElement>;
  onFile: (file: File | null) => void;
  canSend: boolean;
  onSend: () => void;
  upload: number | null;
  error: string | null;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="import-controls">
        <SheetFileField what={what} name={name} inputRef={inputRef} onFile={onFile} />
        {children}
        <button type="button" disabled={!canSend} onClick={onSend}>
          上传并检查
        </button>
      </div>
      <UploadProgress upload={upload} />
      <ErrorBanner message={error} />
    </>
  );
}
