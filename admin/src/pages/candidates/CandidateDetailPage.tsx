import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { candidatesApi } from '../../api/client';
import { ItemsTable, PaymentsTable, RefundsTable } from '../../components/MoneyTables';
import { Badge, DataState, Notice, PageHeader, ReasonDialog } from '../../components/ui';
import { formatTime, genderLabel, yuan } from '../../format';
import { useLoad } from '../../hooks';
import { CandidateEditDialog } from './CandidateEditDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { TicketStatusDialog } from './TicketStatusDialog';
import { useAuth } from '../../auth/AuthContext';
import { MergeDialog } from './MergeDialog';
import { PassedCoursesCard } from './PassedCoursesCard';
import { AdmissionTicketsCard } from './AdmissionTicketsCard';

type Dialog = 'reset' | 'unbind' | 'edit' | 'merge' | { ticketId: number } | null;

export function CandidateDetailPage() {
  const id = Number(useParams().id);
  const detail = useLoad(() => candidatesApi.get(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { isProvince } = useAuth();

  return (
    <>
      <PageHeader title="考生详情" actions={<Link to="/candidates">返回查询</Link>} />
      <Notice message={notice} />
      <DataState state={detail}>
        {({ candidate, tickets, bookings, payments, refunds, records }) => (
          <>
            <div className="card">
              <div className="section-title">
                <h2>{candidate.name}</h2>
                <div className="actions">
                  <button type="button" onClick={() => setDialog('edit')}>
                    修改信息
                  </button>
                  <button type="button" onClick={() => setDialog('reset')}>
                    重置密码
                  </button>
                  <button type="button" disabled={!candidate.phoneMasked} onClick={() => setDialog('unbind')}>
                    解绑手机
                  </button>
                  {isProvince && records.mergedIntoId === null && (
                    <button type="button" onClick={() => setDialog('merge')}>
                      合档
                    </button>
                  )}
                </div>
              </div>
              <dl className="facts">
                <dt>{candidate.documentTypeName}</dt>
                <dd className="code">{candidate.idCardMasked}</dd>
                <dt>性别</dt>
                <dd>{genderLabel(candidate.gender)}</dd>
                <dt>民族</dt>
                <dd>{candidate.ethnicity ?? '—'}</dd>
                <dt>学历</dt>
                <dd>{candidate.education ?? '—'}</dd>
                <dt>手机</dt>
                <dd className="code">{candidate.phoneMasked ?? '未绑定'}</dd>
                <dt>在籍登记手机</dt>
                <dd className="code">{candidate.phoneOnFileMasked ?? '—'}</dd>
                <dt>准考证号</dt>
                <dd className="code">{candidate.ticketNos.join('、') || '—'}</dd>
                <dt>县（市、区）</dt>
                <dd>{candidate.countyName ?? '—'}</dd>
                <dt>密码</dt>
                <dd>{candidate.mustChangePassword ? '初始密码（登录后须修改）' : '已修改'}</dd>
                <dt>注册时间</dt>
                <dd>{formatTime(candidate.registeredAt)}</dd>
              </dl>
            </div>
            <div className="card">
              <h2>准考证</h2>
              <table className="table" aria-label="准考证列表">
                <thead>
                  <tr>
                    <th>准考证号</th>
                    <th>专业</th>
                    <th>状态</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {tickets.map((t) => (
                    <tr key={t.id}>
                      <td className="code">{t.ticketNo}</td>
                      <td>{t.majorName}</td>
                      <td>
                        <Badge value={t.status} text={t.statusName} />
                      </td>
                      <td>
                        <button type="button" onClick={() => setDialog({ ticketId: t.id })}>
                          变更状态
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <AdmissionTicketsCard candidateId={id} onNotice={setNotice} />
            <PassedCoursesCard records={records} />
            <div className="card">
              <h2>报考记录</h2>
              {bookings.length === 0 && <div className="empty small">暂无报考记录</div>}
              {bookings.map((b) => (
                <div key={b.id} className="sub-card">
                  <div className="section-title">
                    <h3>
                      {b.periodName ?? '报考'} · {b.countyName} <Badge value={b.state} text={b.stateLabel} />
                    </h3>
                    <span className="muted">
                      金额 {yuan(b.amountFen)} · 缴费时间 {formatTime(b.paidAt)} ·{' '}
                      <Link to={`/bookings/${b.id}`}>详情</Link>
                    </span>
                  </div>
                  <ItemsTable items={b.items} />
                </div>
              ))}
            </div>
            <div className="card">
              <h2>缴费记录</h2>
              <PaymentsTable payments={payments} onRefunded={detail.reload} />
            </div>
            <div className="card">
              <h2>退费记录</h2>
              <RefundsTable refunds={refunds} />
            </div>
            {dialog === 'reset' && (
              <ResetPasswordDialog
                candidateId={id}
                phoneOnFileMasked={candidate.phoneOnFileMasked}
                onClose={() => setDialog(null)}
                onDone={(message) => {
                  setNotice(message);
                  detail.reload();
                }}
              />
            )}
            {dialog === 'edit' && (
              <CandidateEditDialog
                candidateId={id}
                candidate={candidate}
                onClose={() => setDialog(null)}
                onChanged={(changed) => {
                  setNotice(changed.length > 0 ? '已修改考生信息' : '信息没有变化');
                  detail.reload();
                }}
              />
            )}
            {typeof dialog === 'object' && dialog && (
              <TicketStatusDialog
                ticket={tickets.find((t) => t.id === dialog.ticketId)!}
                onClose={() => setDialog(null)}
                onChanged={(statusName) => {
                  setNotice(`准考证状态已变更为“${statusName}”`);
                  detail.reload();
                }}
              />
            )}
            {dialog === 'merge' && (
              <MergeDialog
                keepId={id}
                onClose={() => setDialog(null)}
                onMerged={(summary) => {
                  setNotice(summary);
                  detail.reload();
                }}
              />
            )}
            {dialog === 'unbind' && (
              <ReasonDialog
                title="解绑手机"
                description="解绑后考生须重新绑定手机才能登录。"
                confirmText="确认解绑"
                onClose={() => setDialog(null)}
                onConfirm={async (reason) => {
                  await candidatesApi.unbindPhone(id, reason);
                  setNotice('已解绑手机');
                  detail.reload();
                }}
              />
            )}
          </>
        )}
      </DataState>
    </>
  );
}
