import { checkAnyDocumentNo, formatBeijing, isValidPhone, isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import type { CaptchaValue } from '../../components/CaptchaField';
import { SmsCodeField } from '../../components/SmsCodeField';
import { TextField } from '../../components/TextField';
import { refuse } from '../../components/formErrors';
import {
  APPLICATION_STATE_LABELS,
  registrationRequest,
  registrationToken,
  sendRegistrationCode,
  type ApplicationView,
} from '../../components/registrationAccess';
import { useFormAction } from '../../components/useFormAction';
import { useLoadOnShow } from '../../components/useLoad';
import { offerAccount } from '../login/ticketChoice';
import { PrivacyConsent } from '../../components/PrivacyConsent';
import { PhotoStatus } from './PhotoStatus';
import { LOGIN_PAGE } from '../../services/pages';
import { ApiError, request } from '../../services/request';
import './index.css';

const BADGES = {
  submitted: 'badge-warning',
  approved: 'badge-success',
  rejected: 'badge-danger',
  withdrawn: 'badge-danger',
} as const;

/** On another phone (or after clearing storage): ID number + a code to the application's phone bring it back. */
function AccessForm({ onAccess }: { onAccess: () => void }) {
  const [idCardNo, setIdCardNo] = useState('');
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const { busy, error, setError, run } = useFormAction();

  const sendCode = (captcha: CaptchaValue) => {
    if (!isValidPhone(phone)) refuse(setError, '请输入注册时填写的手机号码');
    setError('');
    return sendRegistrationCode(phone, captcha);
  };

  const submit = () => {
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) return setError(`证件号码不正确：${id.reason}`);
    if (!isValidPhone(phone)) return setError('请输入注册时填写的手机号码');
    if (!isValidSmsCode(smsCode)) return setError('请输入6位短信验证码');
    void run(async () => {
      const answer = await request<{ registrationToken: string }>('/api/registrations/access', {
        method: 'POST',
        data: { idCardNo: id.documentNo, phone, smsCode },
        anonymous: true,
        quiet: true,
      });
      registrationToken.save(answer.registrationToken);
      onAccess();
    }, '查询失败，请重试');
  };

  return (
    <View className="card">
      <View className="card-title">查询注册进度</View>
      <TextField
        id="access-id"
        label="证件号码"
        placeholder="注册时的证件号码"
        type="text"
        maxlength={18}
        value={idCardNo}
        onInput={setIdCardNo}
      />
      <TextField
        id="access-phone"
        label="手机号码"
        placeholder="注册时的手机号码"
        type="number"
        maxlength={11}
        value={phone}
        onInput={setPhone}
      />
      <SmsCodeField id="access" value={smsCode} onInput={setSmsCode} send={sendCode} />
      {error && <View className="error-text">{error}</View>}
      <Button className="btn-primary" id="access-submit" disabled={busy || undefined} onClick={submit}>
        查询
      </Button>
      <View className="link status-register-link" onClick={() => Taro.navigateTo({ url: '/pages/register/index' })}>
        还没有注册？去新生注册
      </View>
    </View>
  );
}

function ApplicationCard({
  application,
  onForget,
  onReload,
}: {
  application: ApplicationView;
  onForget: () => void;
  onReload: () => void;
}) {
  const deadline = application.reviewClosesAt && formatBeijing(new Date(application.reviewClosesAt));
  return (
    <>
      <View className="card">
        <View className="row">
          <View className="card-title">注册申请</View>
          <View className={`badge ${BADGES[application.state]} status-state`}>
            {APPLICATION_STATE_LABELS[application.state]}
          </View>
        </View>
        {application.state === 'submitted' && (
          <View className="hint">
            已提交，等待考办审核。审核结果请留意本页面。{deadline && `审核截止时间：${deadline}。`}
          </View>
        )}
        {application.state === 'withdrawn' && (
          <View className="error-text" id="status-withdrawn">
            审核截止时间（{deadline}）前未通过审核，本次注册视为放弃，请在下次注册时间内重新注册。
          </View>
        )}
        {application.state === 'rejected' && (
          <View className="status-reject">
            {deadline && <View className="hint">请在审核截止时间（{deadline}）前修改并重新提交。</View>}
            <View className="error-text">未通过原因：{application.rejectReason}</View>
            <Button
              className="btn-primary"
              id="status-edit"
              onClick={() => Taro.navigateTo({ url: '/pages/register/index?edit=1' })}
            >
              修改并重新提交
            </Button>
          </View>
        )}
        {application.state === 'approved' && application.ticketNo && (
          <View className="status-approved">
            <View>注册成功，您的准考证号为：</View>
            <View className="status-ticket" id="status-ticket">
              {application.ticketNo}
            </View>
            <View className="hint">请牢记准考证号，使用准考证号和注册时设置的密码登录后即可报考。</View>
            <Button
              className="btn-primary"
              id="status-login"
              onClick={() => {
                offerAccount(application.ticketNo!);
                void Taro.navigateTo({ url: LOGIN_PAGE });
              }}
            >
              去登录
            </Button>
          </View>
        )}
      </View>
      <View className="card">
        <View className="row status-line">
          <View className="hint">姓名</View>
          <View>{application.name}</View>
        </View>
        <View className="row status-line">
          <View className="hint">证件号码</View>
          <View>{application.idCardNoMasked}</View>
        </View>
        <View className="row status-line">
          <View className="hint">民族</View>
          <View>{application.ethnicity ?? '—'}</View>
        </View>
        <View className="row status-line">
          <View className="hint">文化程度</View>
          <View>{application.educationName ?? '—'}</View>
        </View>
        <View className="row status-line">
          <View className="hint">手机号码</View>
          <View>{application.phoneMasked}</View>
        </View>
        <View className="row status-line">
          <View className="hint">报考专业</View>
          <View>{application.major?.name}</View>
        </View>
        <View className="row status-line">
          <View className="hint">县（市、区）</View>
          <View>{application.county?.name}</View>
        </View>
        {application.newMajor && (
          <View className="hint status-new-major">
            您已有准考证：本申请为报考新专业，审核通过后将增发新专业的准考证，登录密码不变。
          </View>
        )}
      </View>
      {application.state !== 'approved' && <PhotoStatus application={application} onChange={onReload} />}
      <View className="link status-forget" onClick={onForget}>
        查询其他人的申请
      </View>
    </>
  );
}

/** 注册进度: state, rejection reason with edit-and-resubmit, and after approval the new ticket number. */
export default function RegisterStatusPage() {
  const load = useCallback(async (): Promise<ApplicationView | null> => {
    if (!registrationToken.get()) return null;
    try {
      return await registrationRequest<ApplicationView>('/api/registrations/mine', { quiet: true });
    } catch (e) {
      // An expired or foreign key: ask for the ID number and phone instead.
      if (e instanceof ApiError && e.status === 401) {
        registrationToken.clear();
        return null;
      }
      throw e;
    }
  }, []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(application) =>
          application ? (
            <ApplicationCard
              application={application}
              onReload={reload}
              onForget={() => {
                registrationToken.clear();
                reload();
              }}
            />
          ) : (
            <AccessForm onAccess={reload} />
          )
        }
      </PageState>
      <PrivacyConsent />
    </View>
  );
}
