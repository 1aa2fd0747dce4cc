import { useState } from 'react';
import type { CandidateAdmissionTicketView } from '@kaowei/shared';
import { candidatesApi } from '../../api/client';
import { DataState, ReasonDialog } from '../../components/ui';
import { formatTime } from '../../format';
import { useLoad } from '../../hooks';

/** 准考证打印 per period, and 补发准考证 after a change: earlier prints no longer pass the check at the door. */
export function AdmissionTicketsCard({
  candidateId,
  onNotice,
}: {
  candidateId: number;
  onNotice: (m: string) => void;
}) {
  const tickets = useLoad(() => candidatesApi.admissionTickets(candidateId), [candidateId]);
  const [reissuing, setReissuing] = useState<CandidateAdmissionTicketView | null>(null);
  return (
    <div className="card">
      <h2>准考证打印</h2>
      <DataState state={tickets}>
        {({ periods }) => (
          <>
            {periods.length === 0 && <div className="empty small">没有已缴费的考次，无准考证可打印</div>}
            {periods.length > 0 && (
              <table className="table" aria-label="各考次准考证">
                <thead>
                  <tr>
                    <th>考次</th>
                    <th>已缴费课程</th>
                    <th>补发</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {periods.map((p) => (
                    <tr key={p.periodId}>
                      <td>{p.periodName}</td>
                      <td>{p.paidCount} 门</td>
                      <td>{p.reissuedAt ? `第${p.version}次，${formatTime(p.reissuedAt)}` : '—'}</td>
                      <td>
                        <button type="button" onClick={() => setReissuing(p)}>
                          补发准考证
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </DataState>
      {reissuing && (
        <ReasonDialog
          title={`补发准考证：${reissuing.periodName}`}
          description="补发后，此前打印的准考证二维码作废（考点核验时提示已作废），考生须重新下载打印。"
          confirmText="确认补发"
          onClose={() => setReissuing(null)}
          onConfirm={async (reason) => {
            await candidatesApi.reissueTicket(candidateId, reissuing.periodId, reason);
            onNotice(`已补发${reissuing.periodName}准考证，请通知考生重新下载打印`);
            tickets.reload();
          }}
        />
      )}
    </div>
  );
}
