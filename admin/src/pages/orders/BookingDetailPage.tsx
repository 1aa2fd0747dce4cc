import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { bookingsApi } from '../../api/client';
import { ItemsTable, PaymentsTable, RefundsTable } from '../../components/MoneyTables';
import { Badge, DataState, Notice, PageHeader } from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useLoad } from '../../hooks';

/** One booking: its courses with their history, its payment orders (refund a paid one), its refunds. */
export function BookingDetailPage() {
  const id = Number(useParams().id);
  const detail = useLoad(() => bookingsApi.get(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="报考详情" actions={<Link to="/bookings">返回报考记录</Link>} />
      <Notice message={notice} />
      <DataState state={detail}>
        {(b) => (
          <>
            <div className="card">
              <div className="section-title">
                <h2>
                  {b.candidateName} · {b.periodName}
                </h2>
                <Badge value={b.state} text={b.stateLabel} />
              </div>
              <dl className="facts">
                <dt>准考证号</dt>
                <dd className="code">{b.ticketNo ?? '—'}</dd>
                <dt>证件号码</dt>
                <dd className="code">{b.idCardMasked}</dd>
                <dt>县（市、区）</dt>
                <dd>{b.countyName ?? '—'}</dd>
                <dt>金额</dt>
                <dd>{yuan(b.amountFen)}</dd>
                <dt>确认报考时间</dt>
                <dd>{formatTime(b.confirmedAt)}</dd>
                <dt>缴费时间</dt>
                <dd>{formatTime(b.paidAt)}</dd>
              </dl>
              <p>
                <Link to={`/candidates/${b.candidateId}`}>查看考生</Link>
              </p>
            </div>
            <div className="card">
              <h2>报考课程</h2>
              <ItemsTable items={b.items} />
            </div>
            <div className="card">
              <h2>缴费订单</h2>
              <PaymentsTable
                payments={b.payments}
                onRefunded={() => {
                  setNotice('已提交退费，退款结果见下方退费记录');
                  detail.reload();
                }}
              />
            </div>
            <div className="card">
              <h2>退费记录</h2>
              <RefundsTable refunds={b.refunds} />
            </div>
          </>
        )}
      </DataState>
    </>
  );
}
