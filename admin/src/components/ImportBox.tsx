import { useRef, useState, type ReactNode } from 'react';
import { useAction } from '../hooks';
import { ErrorBanner, Notice, ProgressBar } from './ui';

/** What every spreadsheet import answers: a dry run or not, the valid rows, and the bad ones with their reasons. */
export interface ImportAnswer {
  dryRun: boolean;
  total: number;
  valid: number;
  errors: Array<{ row: number; column?: string; message: string }>;
}

/** A row can have several problems (one per column): count the rows. */
export const badRows = (report: ImportAnswer) => new Set(report.errors.map((e) => e.row)).size;

/**
 * Choose a CSV/XLSX file, check it first (dry run: every bad row listed with its reason, nothing written),
 * then import the valid rows. `summary` words the outcome of either step.
 */
export function ImportBox<R extends ImportAnswer>({
  hint,
  name,
  label,
  send,
  summary,
  onImported,
}: {
  hint: ReactNode;
  name: string;
  label: string;
  send: (file: File, dryRun: boolean, onProgress: (fraction: number) => void) => Promise<R>;
  summary: (report: R) => string;
  onImported: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const action = useAction();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    const result = await action.run(() => send(file, dryRun, setProgress));
    setProgress(null);
    if (!result) return;
    setReport(result);
    if (!dryRun) {
      onImported();
      setFile(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="import-box">
      <p className="muted">{hint}</p>
      <div className="import-controls">
        <input
          ref={input}
          type="file"
          name={name}
          aria-label={label}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            action.setError(null);
          }}
        />
        <button type="button" disabled={!file || action.pending} onClick={() => run(true)}>
          校验文件
        </button>
      </div>
      {progress !== null && (
        <ProgressBar value={progress} text={progress < 1 ? `上传中 ${Math.round(progress * 100)}%` : '服务器处理中…'} />
      )}
      <ErrorBanner message={action.error} />
      {report && (
        <div className="import-report" aria-label="导入报告">
          <Notice kind={report.dryRun ? 'info' : 'success'} message={summary(report)} />
          {report.errors.length > 0 && (
            <table className="table compact" aria-label="错误行">
              <thead>
                <tr>
                  <th className="num">行号</th>
                  <th>列</th>
                  <th>问题</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((error, index) => (
                  <tr key={`${error.row}-${index}`}>
                    <td className="num">{error.row}</td>
                    <td>{error.column ?? '—'}</td>
                    <td className="danger-text">{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.dryRun && report.valid > 0 && (
            <div className="form-actions">
              <button type="button" className="primary" disabled={action.pending} onClick={() => run(false)}>
                导入有效行（{report.valid} 行）
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
