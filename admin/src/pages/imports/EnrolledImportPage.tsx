import { useRef, useState } from 'react';
import { ENROLLED_PASSED_HEADERS, ENROLLED_SHEETS, ENROLLED_TICKET_HEADERS } from '@kaowei/shared';
import { enrolledImportApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/ui';
import {
  countsText,
  ImportJobSection,
  isRunning,
  ProvinceOnly,
  SheetUpload,
  TemplateButtons,
  useImportJob,
} from './ImportJobParts';

const INTRO =
  '从原系统导入在籍考生、准考证和已合格课程。先检查文件，列出每一行的问题；文件无误后才能导入。重复导入同一文件不会改变数据，有变化的行将被更新并记入审计日志。';

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
  const {
    job,
    forget,
    upload,
    action,
    send: sendFile,
    start,
  } = useImportJob(enrolledImportApi, isProvince ? enrolledImportApi.list : null);

  if (!isProvince) return <ProvinceOnly title="考籍导入" />;

  const send = async () => {
    if (!file) return;
    await sendFile((onProgress) => enrolledImportApi.upload({ file, passedFile: passedFile ?? undefined }, onProgress));
  };
  const csv = file?.name.toLowerCase().endsWith('.csv') ?? false;

  return (
    <>
      <PageHeader title="考籍导入">{INTRO}</PageHeader>
      <section className="card">
        <h2>1. 下载模板</h2>
        <p className="muted">
          Excel模板含两个工作表：“{ENROLLED_SHEETS.tickets}”（{ENROLLED_TICKET_HEADERS.join('、')}）和“
          {ENROLLED_SHEETS.passed}”（{ENROLLED_PASSED_HEADERS.join('、')}）。也可使用两个CSV文件。
        </p>
        <TemplateButtons
          run={action.run}
          templates={[
            ['下载Excel模板', () => enrolledImportApi.template('xlsx')],
            ['下载考籍CSV模板', () => enrolledImportApi.template('tickets.csv')],
            ['下载已合格课程CSV模板', () => enrolledImportApi.template('passed.csv')],
          ]}
        />
      </section>
      <section className="card import-box">
        <h2>2. 上传并检查</h2>
        <SheetUpload
          what="考籍"
          name="enrolledFile"
          inputRef={fileInput}
          onFile={(chosen) => {
            setFile(chosen);
            forget();
          }}
          canSend={!!file && !action.pending && !isRunning(job)}
          onSend={() => void send()}
          upload={upload}
          error={action.error}
        >
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
        </SheetUpload>
      </section>
      {job && (
        <ImportJobSection
          job={job}
          pending={action.pending}
          onStart={() => void start()}
          result={
            job.summary && (
              <ul>
                <li>考生：{countsText(job.summary.candidates)}</li>
                <li>准考证：{countsText(job.summary.tickets)}</li>
                <li>已合格课程：{countsText(job.summary.passedCourses)}</li>
              </ul>
            )
          }
        />
      )}
    </>
  );
}
