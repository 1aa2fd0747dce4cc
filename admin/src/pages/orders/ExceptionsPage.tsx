import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { paymentsApi } from '../../api/client';
import type { PaymentException, ReconcileResult } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DataState, ErrorBanner, Field, Notice, PageHeader, ReasonDialog } from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useAction, useLoad } from '../../hooks';

const KIND_LABELS: Record<string, string> = {
  late_payment_refund: '逾期缴费自动退费',
  duplicate_payment_refund: '重复缴费自动退费',
  refund_abnormal: '退款异常',
  refund_closed: '退款关闭',
  bill_missing_here: '对账单有、本系统无',
  bill_missing_there: '本系统有、对账单无',
  bill_amount_mismatch: '金额不一致',
  bill_refund_missing_here: '退款：对账单有、本系统无',
  bill_refund_missing_there: '退款：本系统有、对账单无',
  bill_refund_amount_mismatch: '退款金额不一致',
};
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 异常处理: money needing an official's eye (late-payment refunds, failed refunds, bill differences); reconciliation. */
export function ExceptionsPage() {
  const { isProvince } = useAuth();
  const exceptions = useLoad(() => paymentsApi.exceptions(), []);
  const [settling, setSettling] = useState<PaymentException | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="异常处理">逾期缴费自动退费、退款异常和对账差异，须人工核实处理。</PageHeader>
      <Notice message={notice} />
      <DataState state={exceptions} isEmpty={(r) => r.items.length === 0} empty="暂无待处理的资金异常">
        {({ items }) => (
          <div className="card scroll-x">
            <table className="table" aria-label="资金异常列表">
              <thead>
                <tr>
                  <th>类型</th>
                  <th>考生</th>
                  <th>县（市、区）</th>
                  <th>订单号</th>
                  <th>对账日期</th>
                  <th className="num">本系统金额</th>
                  <th className="num">微信支付金额</th>
                  <th>说明</th>
                  <th>发现时间</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{kindLabel(e.kind)}</td>
                    <td>
                      {e.candidateId ? (
                        <>
                          <Link to={`/candidates/${e.candidateId}`}>{e.candidateName}</Link>
                          <div className="code muted">{e.candidatePhoneMasked ?? '未绑定手机'}</div>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{e.countyName ?? '—'}</td>
                    <td className="code">{e.outTradeNo ?? '—'}</td>
                    <td>{e.billDate ?? '—'}</td>
                    <td className="num">{yuan(e.ourAmountFen)}</td>
                    <td className="num">{yuan(e.theirAmountFen)}</td>
                    <td>{typeof e.details === 'string' ? e.details : e.details ? JSON.stringify(e.details) : '—'}</td>
                    <td>{formatTime(e.createdAt)}</td>
                    <td className="nowrap">
                      <button type="button" onClick={() => setSettling(e)}>
                        处理
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
      {settling && (
        <ReasonDialog
          title="处理资金异常"
          label="处理说明"
          description={settleDescription(settling)}
          confirmText="确认已处理"
          onClose={() => setSettling(null)}
          onConfirm={async (note) => {
            await paymentsApi.resolveException(settling.id, note);
            setNotice(`已处理：${kindLabel(settling.kind)} ${settling.outTradeNo ?? ''}`.trim());
            exceptions.reload();
          }}
        />
      )}
      {isProvince && <Reconcile onDone={exceptions.reload} />}
    </>
  );
}

/** What settling means for this kind: an abnormal refund is taken as paid back another way, and its seats go. */
function settleDescription(e: PaymentException): string {
  const who = e.candidateName ? `考生${e.candidateName}（${e.candidatePhoneMasked ?? '未绑定手机'}）` : '';
  if (e.kind === 'refund_abnormal') {
    return `${who}的退款未能退回原账户。请确认已通过其他方式（如银行转账）退还后再处理；处理后订单记为已退费，考位释放。`;
  }
  return `${who ? `${who}，` : ''}请写明核实结果和处理方式；处理后此条不再列出。`;
}

function Reconcile({ onDone }: { onDone: () => void }) {
  const [date, setDate] = useState(yesterday);
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answer = await action.run(() => paymentsApi.reconcile(date));
    if (answer) {
      setResult(answer);
      onDone();
    }
  };
  return (
    <div className="card">
      <h2>对账</h2>
      <p className="muted">下载指定日期的微信支付交易账单，与本系统缴费记录逐笔核对；差异列入上方异常列表。</p>
      <form className="inline-form" onSubmit={submit}>
        <Field label="账单日期">
          <input type="date" name="billDate" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={action.pending || !date}>
          {action.pending ? '对账中…' : '开始对账'}
        </button>
      </form>
      <ErrorBanner message={action.error} />
      {result && (
        <Notice
          kind={result.differences.length ? 'info' : 'success'}
          message={
            result.differences.length
              ? `${result.billDate} 对账发现 ${result.differences.length} 笔差异，已列入异常列表`
              : `${result.billDate} 对账无差异`
          }
        />
      )}
    </div>
  );
}
