import { useState } from 'react';
import { HALF_DAY_LABELS } from '@kaowei/shared';
import { periodsApi, seatsApi } from '../api/client';
import { PeriodSelect, usePeriod } from '../components/PeriodSelect';
import { DataState, ErrorBanner, Modal, Notice, PageHeader } from '../components/ui';
import { useAction, useCounties, useLoad } from '../hooks';

/** 释放考位: release unpaid (held or confirmed) seats of the official's districts by hand, after a preview. */
export function ReleasePage() {
  const periodState = usePeriod();
  const periodId = periodState.period?.id;
  const preview = useLoad(periodId ? () => seatsApi.releasePreview(periodId) : null, [periodId]);
  const units = useLoad(periodId ? () => periodsApi.units(periodId) : null, [periodId]);
  const counties = useCounties();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const countyName = (id: number) => {
    const county = counties.find((c) => c.id === id);
    return county ? `${county.cityName} ${county.name}` : `县（市、区）#${id}`;
  };
  const unitName = (id: number) => {
    const unit = units.data?.items.find((u) => u.id === id);
    return unit ? `${unit.code} · ${unit.examDate} ${HALF_DAY_LABELS[unit.halfDay]}` : `单元#${id}`;
  };

  const release = async () => {
    if (!periodId) return;
    const result = await action.run(() => seatsApi.release(periodId));
    setConfirming(false);
    if (result) {
      setNotice(
        `已释放 ${result.released} 个未缴费考位${result.paidMeanwhile ? `；其间有 ${result.paidMeanwhile} 笔已缴费，未释放` : ''}`,
      );
      preview.reload();
    }
  };

  const total = preview.data?.items.reduce((sum, i) => sum + i.items, 0) ?? 0;
  return (
    <>
      <PageHeader title="释放考位" actions={<PeriodSelect state={periodState} />}>
        释放本辖区已保存或已确认但尚未缴费的考位。系统每日会按考次设置的时间自动释放，此处可手动执行。
      </PageHeader>
      <Notice message={notice} />
      <ErrorBanner message={action.error} />
      {periodId && (
        <DataState state={preview} isEmpty={(p) => p.items.length === 0} empty="当前没有可释放的未缴费考位">
          {(p) => (
            <div className="card">
              <div className="section-title">
                <h2>将释放的考位（共 {total} 个）</h2>
                <button type="button" className="danger" onClick={() => setConfirming(true)}>
                  释放考位
                </button>
              </div>
              <table className="table" aria-label="释放预览">
                <thead>
                  <tr>
                    <th>县（市、区）</th>
                    <th>考试单元</th>
                    <th className="num">未缴费考位</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((i) => (
                    <tr key={`${i.countyId}-${i.unitId}`}>
                      <td>{countyName(i.countyId)}</td>
                      <td>{unitName(i.unitId)}</td>
                      <td className="num">{i.items}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      )}
      {confirming && (
        <Modal title="确认释放考位" onClose={() => setConfirming(false)}>
          <p>将释放 {total} 个未缴费考位，考生须重新保存考位。正在缴费的订单会先关闭；已缴费的不会释放。确定继续？</p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              取消
            </button>
            <button type="button" className="danger" disabled={action.pending} onClick={release}>
              {action.pending ? '释放中…' : '确认释放'}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
