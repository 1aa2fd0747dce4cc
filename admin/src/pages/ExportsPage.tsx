import { useState } from 'react';
import { EXPORT_FORMATS, EXPORT_KIND_LABELS, type ExportFormat, type ExportKind } from '@kaowei/shared';
import { exportsApi } from '../api/client';
import { PeriodSelect, usePeriod } from '../components/PeriodSelect';
import { ErrorBanner, Notice, PageHeader } from '../components/ui';
import { useAction, useCounties } from '../hooks';

const WHATS: Array<{ what: ExportKind; description: string }> = [
  {
    what: 'bookings',
    description: '每门报考课程一行：考生、准考证号、身份证号码（脱敏）、县（市、区）、课程、考试单元、状态',
  },
  { what: 'payments', description: '每笔缴费订单一行：订单号、考生、金额、状态、支付方式、缴费时间、微信支付单号' },
  { what: 'seats', description: '每个县（市、区）每个考试单元一行：考位数、已保存、已缴费、余量' },
  {
    what: 'papers',
    description: '试卷订购：每个县（市、区）每个考试单元每门课程一行：已缴费人数、已编排座位，末行合计',
  },
];

/** 数据导出: files made by the server (ID numbers and phones masked; every export is audited). */
export function ExportsPage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const counties = useCounties();
  const [countyId, setCountyId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const action = useAction();

  const download = async (what: ExportKind, format: ExportFormat) => {
    if (!periodId) return;
    setNotice(null);
    setBusy(`${what}.${format}`);
    const done = await action.run(() => exportsApi.download(what, format, { periodId, countyId }).then(() => true));
    setBusy(null);
    if (done) setNotice(`已导出${EXPORT_KIND_LABELS[what]}（${format.toUpperCase()}）`);
  };

  return (
    <>
      <PageHeader title="数据导出" actions={<PeriodSelect state={periodState} />}>
        导出本辖区数据。身份证号码、手机号码已脱敏；每次导出均记入审计日志。
      </PageHeader>
      <div className="card filters">
        <label className="inline-field">
          <span>县（市、区）</span>
          <select aria-label="县（市、区）" value={countyId} onChange={(e) => setCountyId(e.target.value)}>
            <option value="">本辖区全部</option>
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {c.cityName} {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Notice message={notice} />
      <ErrorBanner message={action.error} />
      <div className="export-grid">
        {WHATS.map(({ what, description }) => (
          <div key={what} className="card" aria-label={EXPORT_KIND_LABELS[what]}>
            <h2>{EXPORT_KIND_LABELS[what]}</h2>
            <p className="muted">{description}</p>
            <div className="form-actions start">
              {EXPORT_FORMATS.map((format) => (
                <button
                  key={format}
                  type="button"
                  className={format === 'xlsx' ? 'primary' : undefined}
                  disabled={!periodId || busy !== null}
                  onClick={() => download(what, format)}
                >
                  {busy === `${what}.${format}` ? '导出中…' : `导出 ${format === 'xlsx' ? 'Excel' : 'CSV'}`}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
