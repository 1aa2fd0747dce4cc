import { formatBeijing, type ApplicationView } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { SubscribeButton } from '../../components/SubscribeButton';
import { useFormAction } from '../../components/useFormAction';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { AttachmentList } from '../../applications/AttachmentList';
import { FormSummary } from '../../applications/FormSummary';
import { applicationsApi } from '../../applications/applicationsApi';
import { STATE_BADGES } from '../../applications/stateBadge';
import { session } from '../../services/session';
import '../../applications/applications.css';

/** Withdrawal is possible before review: a 草稿, or 已提交 that no office has decided in this round. */
const withdrawable = (a: ApplicationView) => a.state === 'draft' || a.state === 'submitted';

function Decisions({ application }: { application: ApplicationView }) {
  if (application.decisions.length === 0) return <View className="hint">尚无审核意见</View>;
  return (
    <>
      {application.decisions.map((d, i) => (
        <View key={i} className="app-decision" id={`app-decision-${i}`}>
          <View className="row">
            <View>{d.levelLabel}</View>
            <View className={`badge ${d.outcome === 'rejected' ? 'badge-danger' : 'badge-success'}`}>
              {d.outcomeLabel}
            </View>
          </View>
          {d.reason && <View className="app-decision-reason">原因：{d.reason}</View>}
          <View className="hint">{formatBeijing(d.decidedAt)}</View>
        </View>
      ))}
    </>
  );
}

function Detail({
  application: a,
  onChange,
}: {
  application: ApplicationView;
  onChange: (a: ApplicationView) => void;
}) {
  const { busy, error, run } = useFormAction();
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content: '撤回后申请作废，已上传的材料一并删除。确定撤回？',
      confirmText: '撤回',
    });
    if (!confirm) return;
    await run(async () => {
      onChange(await applicationsApi.withdraw(a.id));
      void Taro.showToast({ title: '已撤回', icon: 'none' });
    }, '撤回失败，请重试');
  };
  const certificate = () =>
    void run(async () => {
      await applicationsApi.transferCertificate(a.id);
    }, '转出证明下载失败，请稍后重试');
  const edit = () => void Taro.navigateTo({ url: `/pages/application-form/index?id=${a.id}` });
  return (
    <View className="page application-detail-page">
      <View className="card" id="app-detail-head">
        <View className="row">
          <View className="card-title app-form-title">{a.kindLabel}</View>
          <View className={`badge ${STATE_BADGES[a.state]}`} id="app-detail-state">
            {a.stateLabel}
          </View>
        </View>
        <View className="hint">准考证号 {a.ticketNo}</View>
        <View className="hint">创建时间 {formatBeijing(a.createdAt)}</View>
        {a.submittedAt && <View className="hint">提交时间 {formatBeijing(a.submittedAt)}</View>}
        {(a.state === 'submitted' || a.state === 'in_review') && <SubscribeButton moment="afterApplication" />}
        {a.decidedAt && <View className="hint">审核时间 {formatBeijing(a.decidedAt)}</View>}
        {a.rejectReason && (
          <View className="error-text" id="app-detail-reject">
            未通过原因：{a.rejectReason}
          </View>
        )}
      </View>
      <View className="card">
        <View className="card-title">申请信息</View>
        <FormSummary kind={a.kind} form={a.form} />
      </View>
      <View className="card">
        <View className="card-title">证明材料</View>
        <AttachmentList attachments={a.attachments} />
      </View>
      <View className="card" id="app-decisions">
        <View className="card-title">审核意见</View>
        <Decisions application={a} />
      </View>
      {error && <View className="error-text">{error}</View>}
      {a.kind === 'transfer_out' && a.state === 'approved' && (
        <Button
          className="btn-primary"
          id="app-transfer-certificate"
          disabled={busy || undefined}
          onClick={certificate}
        >
          {process.env.TARO_ENV === 'h5' ? '下载转出证明' : '打开转出证明'}
        </Button>
      )}
      {a.state === 'draft' && (
        <Button className="btn-primary" id="app-continue" onClick={edit}>
          继续填写
        </Button>
      )}
      {a.state === 'rejected' && (
        <Button className="btn-primary" id="app-correct" onClick={edit}>
          修改后重新提交
        </Button>
      )}
      {withdrawable(a) && (
        <Button
          className="btn-secondary"
          id="app-withdraw"
          disabled={busy || undefined}
          onClick={() => void withdraw()}
        >
          撤回申请
        </Button>
      )}
    </View>
  );
}

/** 申请详情: state, form, attachments, every decision with its reason; 撤回 before review, 修改 after 未通过. */
export default function ApplicationDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const load = useCallback(async () => (session.get() ? applicationsApi.get(id) : null), [id]);
  const { state, reload } = useLoadOnShow(load);
  return (
    <PageState state={state} onRetry={reload}>
      {(view) => (view === null ? <SignedOut /> : <Detail application={view} onChange={() => reload()} />)}
    </PageState>
  );
}
