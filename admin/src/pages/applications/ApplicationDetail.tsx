import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  DOCUMENT_TYPE_LABELS,
  REVIEW_LEVEL_LABELS,
  type AdminApplicationView,
  type ApplicationAttachmentView,
  type ScoreReviewOutcomeInput,
} from '@kaowei/shared';
import { applicationsApi, errorText } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DataState, ErrorBanner, ReasonDialog } from '../../components/ui';
import { formatTime, genderLabel } from '../../format';
import { useAction, useLoad, useObjectUrl } from '../../hooks';
import { ApplicationForm } from './applicationForms';
import {
  NO_CHOICE,
  ScoreReviewOutcomeFields,
  scoreReviewOutcome,
  ScoreUnderReview,
  TransferCertificateButton,
  type ScoreReviewChoice,
} from './kindParts';

/** The state as officials read it: 审核中 is the province's step, after the county's 报省. */
export function stateText(a: AdminApplicationView): string {
  return a.state === 'in_review' ? '审核中（已报省）' : a.stateLabel;
}

/** What the official may do now: decide (and whether their 通过 is final or sends it up), or wait. */
function decisionOf(a: AdminApplicationView, isProvince: boolean) {
  if (a.state === 'in_review') return isProvince ? 'final' : 'waiting-province';
  if (a.state !== 'submitted') return null;
  return !isProvince && a.finalLevel === 'province' ? 'forward' : 'final';
}

const DECIDED_TEXT = { approved: '已审核通过', forwarded: '已同意并报省考试院审核', rejected: '已审核不通过' } as const;

/** One application: the candidate, the form, the proofs, every decision, and 通过 / 不通过. */
export function ApplicationDetail({ id, onDecided }: { id: number; onDecided: (message: string) => void }) {
  const { official } = useAuth();
  const detail = useLoad(() => applicationsApi.get(id), [id]);
  const [rejecting, setRejecting] = useState(false);
  const [review, setReview] = useState<ScoreReviewChoice>(NO_CHOICE);
  const action = useAction();
  const isProvince = official?.role === 'province';

  const decided = (view: AdminApplicationView) => {
    detail.reload();
    const last = view.decisions.at(-1)?.outcome ?? 'approved';
    onDecided(`${view.candidateName}的${view.kindLabel}：${DECIDED_TEXT[last]}`);
  };
  const approve = async (scoreReview?: ScoreReviewOutcomeInput) => {
    const view = await action.run(() => applicationsApi.decide(id, { outcome: 'approve', scoreReview }));
    if (view) decided(view);
  };

  return (
    <div className="card detail-panel" aria-label="申请详情">
      <DataState state={detail}>
        {(a) => {
          const decision = decisionOf(a, isProvince);
          // 成绩复核's final approval carries the outcome (成绩无误 or the correction).
          const needsOutcome = a.kind === 'score_review' && decision === 'final';
          const outcome = needsOutcome ? scoreReviewOutcome(review) : undefined;
          return (
            <>
              <div className="section-title">
                <h2>
                  {a.candidateName} · {a.kindLabel}
                </h2>
                <Badge value={a.state} text={stateText(a)} />
              </div>
              <dl className="facts" aria-label="考生信息">
                <dt>考生</dt>
                <dd>
                  <Link to={`/candidates/${a.candidateId}`}>{a.candidateName}</Link>
                </dd>
                <dt>准考证号</dt>
                <dd className="code">{a.ticketNo}</dd>
                <dt>证件</dt>
                <dd className="code">
                  {DOCUMENT_TYPE_LABELS[a.current.documentType]} {a.current.documentNo}
                </dd>
                <dt>性别</dt>
                <dd>{genderLabel(a.current.gender)}</dd>
                <dt>县（市、区）</dt>
                <dd>{a.countyName ?? '—'}</dd>
                <dt>提交时间</dt>
                <dd>{formatTime(a.submittedAt)}</dd>
                <dt>审核流程</dt>
                <dd>
                  {a.finalLevel === 'province'
                    ? `${REVIEW_LEVEL_LABELS.county}初审，通过后报${REVIEW_LEVEL_LABELS.province}审核`
                    : `${REVIEW_LEVEL_LABELS.county}审核`}
                </dd>
              </dl>
              <h3>申请内容</h3>
              <ApplicationForm application={a} />
              {a.kind === 'score_review' && isProvince && (
                <>
                  <h3>复核成绩</h3>
                  <ScoreUnderReview application={a} />
                </>
              )}
              {a.kind === 'transfer_out' && a.state === 'approved' && (
                <TransferCertificateButton applicationId={a.id} />
              )}
              <h3>证明材料</h3>
              <Attachments application={a} />
              <h3>审核记录</h3>
              <Decisions application={a} />
              <ErrorBanner message={action.error} />
              {decision === 'waiting-province' && (
                <div className="banner info" role="status">
                  已报省考试院审核，等待省考试院决定。
                </div>
              )}
              {needsOutcome && <h3>复核结果</h3>}
              {needsOutcome && <ScoreReviewOutcomeFields choice={review} onChange={setReview} />}
              {(decision === 'final' || decision === 'forward') && (
                <div className="form-actions">
                  {needsOutcome && outcome === null && <span className="muted">请先填写复核结果</span>}
                  {decision === 'forward' && <span className="muted">须省考试院审核：通过后报省</span>}
                  <button type="button" className="danger" onClick={() => setRejecting(true)}>
                    不通过
                  </button>
                  <button
                    type="button"
                    className="primary"
                    disabled={action.pending || outcome === null}
                    onClick={() => void approve(outcome ?? undefined)}
                  >
                    {decision === 'forward' ? '通过并报省' : '通过'}
                  </button>
                </div>
              )}
              {rejecting && (
                <ReasonDialog
                  title="审核不通过"
                  description="原因将告知考生，考生可据此修改后重新提交。"
                  confirmText="确认不通过"
                  onClose={() => setRejecting(false)}
                  onConfirm={async (reason) => decided(await applicationsApi.decide(id, { outcome: 'reject', reason }))}
                />
              )}
            </>
          );
        }}
      </DataState>
    </div>
  );
}

function Decisions({ application: a }: { application: AdminApplicationView }) {
  if (a.decisions.length === 0) return <div className="muted">尚未审核</div>;
  return (
    <ol className="history" aria-label="审核记录">
      {a.decisions.map((d, i) => (
        <li key={i}>
          {formatTime(d.decidedAt)} {d.levelLabel}：<Badge value={d.outcome} text={d.outcomeLabel} />
          {d.reason && <span>（{d.reason}）</span>}
        </li>
      ))}
    </ol>
  );
}

function Attachments({ application: a }: { application: AdminApplicationView }) {
  if (a.attachments.length === 0) return <div className="muted">无</div>;
  return (
    <ul className="attachments" aria-label="证明材料">
      {a.attachments.map((file) => (
        <li key={file.id}>
          <Attachment applicationId={a.id} file={file} />
        </li>
      ))}
    </ul>
  );
}

/** Images inline; a PDF opened in a new tab or saved, fetched with the token (the files have no public address). */
function Attachment({ applicationId, file }: { applicationId: number; file: ApplicationAttachmentView }) {
  const isImage = file.mime.startsWith('image/');
  const image = useObjectUrl(isImage ? () => applicationsApi.attachment(applicationId, file.id) : null, [file.id]);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    // Opened before the fetch, while the click still counts, so no popup blocker stops it.
    const tab = window.open('', '_blank');
    try {
      const url = URL.createObjectURL(await applicationsApi.attachment(applicationId, file.id));
      if (tab) tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      setError(errorText(e));
    }
  };
  const download = () => applicationsApi.download(applicationId, file).catch((e: unknown) => setError(errorText(e)));
  return (
    <>
      <div>
        {file.proofLabel}：{file.originalName} <span className="muted">（{Math.ceil(file.sizeBytes / 1024)} KB）</span>
        {!isImage && (
          <button type="button" className="link" onClick={open}>
            查看
          </button>
        )}
        <button type="button" className="link" onClick={download}>
          下载
        </button>
      </div>
      {isImage &&
        (image.url ? (
          <img src={image.url} alt={file.originalName} className="attachment-image" />
        ) : (
          <div className="muted">{image.error ?? '图片加载中…'}</div>
        ))}
      <ErrorBanner message={error} />
    </>
  );
}
