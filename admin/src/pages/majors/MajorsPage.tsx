import { majorStatusText, MAJOR_IMPORT_HEADERS, type MajorImportKind } from '@kaowei/shared';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { majorsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { badRows, ImportBox } from '../../components/ImportBox';
import { Badge, DataState, ErrorBanner, Notice, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { MajorForm } from './MajorForm';

const KIND_LABELS: Record<MajorImportKind, string> = { majors: '专业', plans: '专业课程计划' };

/** 专业管理: every major with its status; the provincial office adds majors and imports majors and plans. */
export function MajorsPage() {
  const { isProvince } = useAuth();
  const majors = useLoad(() => majorsApi.list(), []);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="专业管理">
        开考专业及其课程计划。停考过渡期的专业不接受新生注册；过渡期结束后，该专业课程不再接受本专业考生报考。
      </PageHeader>
      <Notice message={notice} />
      {isProvince && (
        <div className="card">
          <h2>新增专业</h2>
          <MajorForm
            initial={null}
            submitText="新增专业"
            onSave={async (values) => {
              const major = await majorsApi.create(values);
              setNotice(`已新增专业：${major.code} ${major.name}`);
              majors.reload();
            }}
          />
        </div>
      )}
      {isProvince && <MajorImport onImported={majors.reload} />}
      <DataState state={majors} isEmpty={(r) => r.items.length === 0} empty="暂无专业">
        {({ items }) => (
          <div className="card">
            <table className="table" aria-label="专业列表">
              <thead>
                <tr>
                  <th>专业代码</th>
                  <th>专业名称</th>
                  <th>层次</th>
                  <th>状态</th>
                  <th className="num">计划课程</th>
                  <th className="num">准考证</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td className="code">{m.code}</td>
                    <td>{m.name}</td>
                    <td>{m.level}</td>
                    <td>
                      <Badge value={`major-${m.effectiveStatus}`} text={majorStatusText(m)} />
                      {m.effectiveStatus !== m.status && <span className="muted">（过渡期已结束）</span>}
                    </td>
                    <td className="num">{m.courseCount}</td>
                    <td className="num">{m.ticketCount}</td>
                    <td>
                      <Link to={`/majors/${m.id}`}>{isProvince ? '编辑' : '查看'}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </>
  );
}

function MajorImport({ onImported }: { onImported: () => void }) {
  const [kind, setKind] = useState<MajorImportKind>('majors');
  const template = useAction();
  return (
    <section className="card" aria-label="导入专业">
      <div className="section-title">
        <h2>导入</h2>
        <select
          name="importKind"
          aria-label="导入内容"
          value={kind}
          onChange={(e) => setKind(e.target.value as MajorImportKind)}
        >
          <option value="majors">专业</option>
          <option value="plans">专业课程计划</option>
        </select>
        <button
          type="button"
          className="link"
          disabled={template.pending}
          onClick={() => template.run(() => majorsApi.template(kind))}
        >
          下载{KIND_LABELS[kind]}导入模板
        </button>
      </div>
      <ErrorBanner message={template.error} />
      <ImportBox
        key={kind}
        hint={`导入文件为 CSV 或 Excel（.xlsx），第一行为表头：${MAJOR_IMPORT_HEADERS[kind].join(',')}。按代码新增或更新，重复导入同一文件不会改变数据。先校验文件，确认无误后导入有效行。`}
        name="majorsFile"
        label={`选择${KIND_LABELS[kind]}文件`}
        send={(file, dryRun, onProgress) => majorsApi.import(kind, file, dryRun, onProgress)}
        summary={(r) =>
          r.dryRun
            ? `校验完成：共 ${r.total} 行，有效 ${r.valid} 行（将新增 ${r.created}、更新 ${r.updated}、不变 ${r.unchanged}），错误 ${badRows(r)} 行（尚未写入）`
            : `导入完成：新增 ${r.created} 行，更新 ${r.updated} 行，不变 ${r.unchanged} 行，跳过错误 ${badRows(r)} 行`
        }
        onImported={onImported}
      />
    </section>
  );
}
