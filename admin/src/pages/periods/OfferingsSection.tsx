import { useState } from 'react';
import { periodsApi } from '../../api/client';
import type { ImportReport } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { badRows, ImportBox } from '../../components/ImportBox';
import { ConfirmDelete, DataState, ErrorBanner } from '../../components/ui';
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

function OfferingImport({ periodId, onImported }: { periodId: number; onImported: () => void }) {
  return (
    <ImportBox<ImportReport>
      hint="导入文件为 CSV 或 Excel（.xlsx），第一行为表头：课程代码,课程名称,考试单元[,学分]。先校验文件，确认无误后导入有效行。"
      name="offeringsFile"
      label="选择课程文件"
      send={(file, dryRun, onProgress) => periodsApi.importOfferings(periodId, file, dryRun, onProgress)}
      summary={(report) =>
        report.dryRun
          ? `校验完成：共 ${report.total} 行，有效 ${report.valid} 行，错误 ${badRows(report)} 行（尚未写入）`
          : `导入完成：已导入 ${report.imported} 行，跳过错误 ${badRows(report)} 行`
      }
      onImported={onImported}
    />
  );
}
