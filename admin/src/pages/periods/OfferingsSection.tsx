import { useRef, useState } from 'react';
import { periodsApi } from '../../api/client';
import type { ImportReport } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDelete, DataState, ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';

/** Course offerings of a period, imported from a CSV/XLSX file: check first (dry run), then import the valid rows. */
export function OfferingsSection({ periodId }: { periodId: number }) {
  const { isProvince } = useAuth();
  const offerings = useLoad(() => periodsApi.offerings(periodId), [periodId]);
  const action = useAction();
  const [removing, setRemoving] = useState<number | null>(null);

  const remove = async (id: number) => {
    const done = await action.run(() => periodsApi.deleteOffering(id).then(() => true));
    setRemoving(null);
    if (done) offerings.reload();
  };

  return (
    <section className="card" aria-label="开考课程">
      <div className="section-title">
        <h2>开考课程</h2>
        {offerings.data && <span className="muted">共 {offerings.data.items.length} 门</span>}
      </div>
      {isProvince && <OfferingImport periodId={periodId} onImported={offerings.reload} />}
      <ErrorBanner message={action.error} />
      <DataState state={offerings} isEmpty={(r) => r.items.length === 0} empty="尚未设置开考课程，请导入课程文件">
        {({ items }) => (
          <table className="table" aria-label="开考课程列表">
            <thead>
              <tr>
                <th>考试单元</th>
                <th>课程代码</th>
                <th>课程名称</th>
                <th className="num">学分</th>
                {isProvince && <th />}
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td>{o.unitCode}</td>
                  <td>{o.courseCode}</td>
                  <td>{o.courseName}</td>
                  <td className="num">{o.credits ?? '—'}</td>
                  {isProvince && (
                    <td className="row-actions">
                      <ConfirmDelete
                        asking={removing === o.id}
                        onAsk={() => setRemoving(o.id)}
                        onCancel={() => setRemoving(null)}
                        onConfirm={() => remove(o.id)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DataState>
    </section>
  );
}

/** A row can have several problems (one per column): count the rows. */
const badRows = (report: ImportReport) => new Set(report.errors.map((e) => e.row)).size;

function OfferingImport({ periodId, onImported }: { periodId: number; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const action = useAction();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    const result = await action.run(() => periodsApi.importOfferings(periodId, file, dryRun, setProgress));
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
      <p className="muted">
        导入文件为 CSV 或
        Excel（.xlsx），第一行为表头：课程代码,课程名称,考试单元[,学分]。先校验文件，确认无误后导入有效行。
      </p>
      <div className="import-controls">
        <input
          ref={input}
          type="file"
          name="offeringsFile"
          aria-label="选择课程文件"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            action.setError(null);
          }}
        />
        <button type="button" disabled={!file || action.pending} onClick={() => send(true)}>
          校验文件
        </button>
      </div>
      {progress !== null && (
        <ProgressBar value={progress} text={progress < 1 ? `上传中 ${Math.round(progress * 100)}%` : '服务器处理中…'} />
      )}
      <ErrorBanner message={action.error} />
      {report && (
        <div className="import-report" aria-label="导入报告">
          {report.dryRun ? (
            <Notice
              kind="info"
              message={`校验完成：共 ${report.total} 行，有效 ${report.valid} 行，错误 ${badRows(report)} 行（尚未写入）`}
            />
          ) : (
            <Notice message={`导入完成：已导入 ${report.imported} 行，跳过错误 ${badRows(report)} 行`} />
          )}
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
              <button type="button" className="primary" disabled={action.pending} onClick={() => send(false)}>
                导入有效行（{report.valid} 行）
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
