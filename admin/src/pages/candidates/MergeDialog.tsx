import type { MergeMoves, MergePreview, MergeSide } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { mergeApi } from '../../api/client';
import { ErrorBanner, Field, Modal, Notice } from '../../components/ui';
import { useAction } from '../../hooks';

const MOVE_LABELS: Record<keyof MergeMoves, string> = {
  tickets: '准考证',
  passedCourses: '已合格课程',
  bookings: '报考记录',
  bookingItems: '报考课程',
  paymentOrders: '缴费订单',
  waitlistEntries: '候补记录',
  seatAssignments: '考场座位',
  certificates: '毕业证书',
  ticketReissues: '准考证补发记录',
  scores: '成绩',
  applications: '注册申请',
  candidateApplications: '业务申请',
  notifications: '消息通知',
};

function Side({ title, side }: { title: string; side: MergeSide }) {
  return (
    <dl className="facts">
      <dt>{title}</dt>
      <dd>
        {side.name}（考生 {side.id}）
      </dd>
      <dt>{side.documentTypeName}</dt>
      <dd className="code">{side.idCardMasked}</dd>
      <dt>手机</dt>
      <dd className="code">{side.phoneMasked ?? '未绑定'}</dd>
      <dt>准考证号</dt>
      <dd className="code">{side.ticketNos.join('、') || '—'}</dd>
    </dl>
  );
}

/**
 * 合档 (provincial office): find the other record by its document number or 考生编号, see what would move
 * into this one, then confirm with a reason. The other record is closed afterwards.
 */
export function MergeDialog({
  keepId,
  onMerged,
  onClose,
}: {
  keepId: number;
  onMerged: (summary: string) => void;
  onClose: () => void;
}) {
  const [other, setOther] = useState('');
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const text = other.trim();
    // A 考生编号 is a short number; anything else is a document number.
    const query = /^\d{1,7}$/.test(text) ? { otherId: Number(text) } : { documentNo: text.toUpperCase() };
    setPreview((await action.run(() => mergeApi.preview(keepId, query))) ?? null);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!preview) return;
    const done = await action.run(() => mergeApi.merge(keepId, preview.other.id, reason));
    if (done) {
      onMerged(`已合档：考生 ${done.closedId} 的 ${done.moved.tickets.length} 张准考证及其记录已移入本档案`);
      onClose();
    }
  };

  const moves = preview
    ? (Object.keys(MOVE_LABELS) as Array<keyof MergeMoves>).filter((k) => preview.moves[k].length > 0)
    : [];

  return (
    <Modal title="合档" onClose={onClose}>
      <form onSubmit={find} className="form">
        <div className="muted">
          同一考生有两份档案时，将另一份档案的准考证、已合格课程、报考、缴费和注册记录并入本档案，另一份档案关闭、不能再登录。
        </div>
        <Field label="另一份档案的证件号码或考生编号">
          <input aria-label="另一份档案" value={other} onChange={(e) => setOther(e.target.value)} autoFocus />
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={action.pending || other.trim() === ''}>
            预览
          </button>
        </div>
      </form>
      {preview && (
        <form onSubmit={confirm} className="form" aria-label="合档预览">
          <Side title="保留档案" side={preview.keep} />
          <Side title="关闭档案" side={preview.other} />
          <h3>将移入保留档案</h3>
          {moves.length === 0 ? (
            <div className="empty small">另一份档案没有记录</div>
          ) : (
            <ul>
              {moves.map((k) => (
                <li key={k}>
                  {MOVE_LABELS[k]}：{preview.moves[k].length} 条
                </li>
              ))}
            </ul>
          )}
          {preview.notes.map((n) => (
            <Notice key={n} message={n} kind="info" />
          ))}
          {preview.problems.map((p) => (
            <ErrorBanner key={p} message={p} />
          ))}
          <label className="field">
            <span>原因（必填，记入审计日志）</span>
            <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              取消
            </button>
            <button type="submit" className="primary" disabled={action.pending || preview.problems.length > 0}>
              {action.pending ? '处理中…' : '确认合档'}
            </button>
          </div>
        </form>
      )}
      <ErrorBanner message={action.error} />
    </Modal>
  );
}
