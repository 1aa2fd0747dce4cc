import {
  applicationFormFields,
  PROOF_KIND_LABELS,
  type ApplicationKindView,
  type ApplicationView,
  type CandidateApplicationKind,
} from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
// The form's components first: their CSS (OptionSheet's) then precedes PageState's, as on the register page.
import { AttachmentList } from '../../applications/AttachmentList';
import { AttachmentPicker } from '../../applications/AttachmentPicker';
import { FormFields } from '../../applications/FormFields';
import { ScorePicker } from '../../applications/ScorePicker';
import { NoticeCard } from '../../booking/NoticeCard';
import { PageState } from '../../components/PageState';
import { useFormAction } from '../../components/useFormAction';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { FormSummary } from '../../applications/FormSummary';
import { applicationsApi } from '../../applications/applicationsApi';
import { formFromInputs, formProblems, inputsFromForm, type FormInputs } from '../../applications/formValues';
import { APPLICATION_NOTICES } from '../../applications/notices';
import { session } from '../../services/session';
import '../../booking/booking.css';
import '../../applications/applications.css';

type Step = 'notice' | 'form' | 'attachments' | 'preview';
const STEPS: { step: Step; label: string }[] = [
  { step: 'notice', label: '须知' },
  { step: 'form', label: '填写' },
  { step: 'attachments', label: '材料' },
  { step: 'preview', label: '预览' },
];

const detailPage = (id: number) => `/pages/application-detail/index?id=${id}`;

function Steps({ current }: { current: Step }) {
  return (
    <View className="app-steps">
      {STEPS.map((s) => (
        <View key={s.step} className={`app-step ${s.step === current ? 'app-step-current' : ''}`}>
          {s.label}
        </View>
      ))}
    </View>
  );
}

/** 成绩复核's fields chosen together from the candidate's published scores. */
const PICKED = new Set(['periodId', 'courseCode']);

interface Loaded {
  kind: ApplicationKindView;
  application: ApplicationView | null;
}

/**
 * One application from 须知 to 提交 (seed 003): accept the kind's 须知, fill its form (checked by the kind's shared
 * schema; the server decides), upload the proof, read the preview, 提交. 保存草稿 at any step; `?id=` continues a
 * 草稿 or corrects an application 未通过.
 */
function ApplicationFlow({ kind, initial }: { kind: ApplicationKindView; initial: ApplicationView | null }) {
  const fields = useMemo(() => applicationFormFields(kind.kind), [kind.kind]);
  const [step, setStep] = useState<Step>(initial ? 'form' : 'notice');
  const [application, setApplication] = useState<ApplicationView | null>(initial);
  const [inputs, setInputs] = useState<FormInputs>(() => inputsFromForm(fields, initial?.form ?? {}));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useFormAction();
  const form = formFromInputs(fields, inputs);

  const save = async (): Promise<ApplicationView> => {
    const saved = application
      ? await applicationsApi.update(application.id, form)
      : await applicationsApi.create(kind.kind, form);
    setApplication(saved);
    return saved;
  };

  const saveDraft = () =>
    run(async () => {
      const saved = await save();
      void Taro.showToast({ title: saved.state === 'draft' ? '已保存草稿' : '已保存', icon: 'none' });
      void Taro.redirectTo({ url: detailPage(saved.id) });
    }, '保存失败，请重试');

  const toAttachments = () => {
    const found = formProblems(kind.kind, form);
    setProblems(found);
    if (Object.keys(found).length > 0) return setError(found[''] ?? '请按提示修改表单');
    void run(async () => {
      await save();
      setStep('attachments');
    }, '保存失败，请重试');
  };

  const toPreview = () => {
    const proof = kind.requiredProof;
    if (proof && !application?.attachments.some((a) => a.proof === proof)) {
      return setError(`请上传${PROOF_KIND_LABELS[proof]}`);
    }
    setError('');
    setStep('preview');
  };

  const submit = () =>
    run(async () => {
      const submitted = await applicationsApi.update(application!.id, form, true);
      void Taro.showToast({ title: '已提交审核', icon: 'success' });
      void Taro.redirectTo({ url: detailPage(submitted.id) });
    }, '提交失败，请重试');

  return (
    <View className="page application-form-page">
      <View className="card-title app-form-title">{kind.label}</View>
      <Steps current={step} />
      {application?.rejectReason && (
        <View className="card app-reject" id="app-reject-reason">
          <View className="error-text">未通过原因：{application.rejectReason}</View>
          <View className="hint">请按原因修改后重新提交</View>
        </View>
      )}
      {step === 'notice' && (
        <NoticeCard
          title="办理须知"
          notice={APPLICATION_NOTICES[kind.kind].map((line, i) => `${i + 1}. ${line}`).join('\n')}
          ackLabel={`我已阅读并知晓${kind.label.replace(/申请$/, '')}相关要求及流程`}
          onAcknowledge={async () => setStep('form')}
        />
      )}
      {step === 'form' && (
        <View className="card">
          {kind.kind === 'score_review' && <ScorePicker inputs={inputs} onChange={setInputs} problems={problems} />}
          <FormFields
            fields={kind.kind === 'score_review' ? fields.filter((f) => !PICKED.has(f.key)) : fields}
            inputs={inputs}
            onChange={setInputs}
            problems={problems}
          />
        </View>
      )}
      {step === 'attachments' && application && (
        <AttachmentPicker
          kind={kind}
          application={application}
          onChange={(changed) => {
            setApplication(changed);
            setError('');
          }}
        />
      )}
      {step === 'preview' && application && (
        <>
          <View className="card app-preview" id="app-preview">
            <View className="card-title">申请信息</View>
            <FormSummary kind={kind.kind} form={form} />
          </View>
          <View className="card">
            <View className="card-title">证明材料</View>
            <AttachmentList attachments={application.attachments} />
          </View>
          <View className="hint">请确认申请信息无误后提交审核；提交后在审核前可以撤回。</View>
        </>
      )}
      {error && <View className="error-text app-form-error">{error}</View>}
      {step !== 'notice' && (
        <View className="app-actions">
          {step === 'form' && (
            <Button className="btn-primary" id="app-next" disabled={busy || undefined} onClick={toAttachments}>
              下一步
            </Button>
          )}
          {step === 'attachments' && (
            <Button className="btn-primary" id="app-next" disabled={busy || undefined} onClick={toPreview}>
              下一步：预览
            </Button>
          )}
          {step === 'preview' && (
            <Button className="btn-primary" id="app-submit" disabled={busy || undefined} onClick={() => void submit()}>
              {busy ? '提交中…' : '提交审核'}
            </Button>
          )}
          {step !== 'form' && (
            <Button
              className="btn-secondary"
              id="app-back"
              onClick={() => setStep(step === 'preview' ? 'attachments' : 'form')}
            >
              上一步
            </Button>
          )}
          {(application === null || application.state === 'draft') && (
            <Button
              className="btn-secondary"
              id="app-save-draft"
              disabled={busy || undefined}
              onClick={() => void saveDraft()}
            >
              保存草稿
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

/** 办理申请: `?kind=` starts a new application, `?id=` continues one. */
export default function ApplicationFormPage() {
  const { params } = useRouter();
  const load = useCallback(async (): Promise<Loaded | null> => {
    if (!session.get()) return null;
    const [{ kinds }, application] = await Promise.all([
      applicationsApi.kinds(),
      params.id ? applicationsApi.get(Number(params.id)) : Promise.resolve(null),
    ]);
    const kindCode = (application?.kind ?? params.kind) as CandidateApplicationKind;
    const kind = kinds.find((k) => k.kind === kindCode);
    if (!kind) throw new Error('办理事项不存在');
    return { kind, application };
  }, [params.id, params.kind]);
  // Shown again (back from another page), the flow keeps what is being typed: its state is its own.
  const { state, reload } = useLoadOnShow(load);
  return (
    <PageState state={state} onRetry={reload}>
      {(data) =>
        data === null ? (
          <SignedOut />
        ) : data.application === null && !(data.kind.available && data.kind.openNow) ? (
          <View className="page-state" id="app-kind-closed">
            <View className="page-state-message">
              {data.kind.available
                ? `当前不在${data.kind.label}办理时间内`
                : `${data.kind.label}暂未开通网上办理，请关注考试院通知或前往考区现场办理`}
            </View>
          </View>
        ) : (
          <ApplicationFlow kind={data.kind} initial={data.application} />
        )
      }
    </PageState>
  );
}
