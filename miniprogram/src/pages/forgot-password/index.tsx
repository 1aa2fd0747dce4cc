import { checkAnyDocumentNo, isValidPhone, isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CaptchaValue } from '../../components/CaptchaField';
import { NewPasswordFields, newPasswordProblem } from '../../components/NewPasswordFields';
import { SmsCodeField } from '../../components/SmsCodeField';
import { TextField } from '../../components/TextField';
import { signOutTo } from '../../components/accountSession';
import { refuse } from '../../components/formErrors';
import { useFormAction } from '../../components/useFormAction';
import { request } from '../../services/request';

/** 忘记密码: a code to the phone bound to the ID number, then a new password (every session ends). */
export default function ForgotPasswordPage() {
  const [idCardNo, setIdCardNo] = useState('');
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useFormAction();

  const sendCode = async (captcha: CaptchaValue) => {
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) refuse(setError, `证件号码不正确：${id.reason}`);
    if (!isValidPhone(phone)) refuse(setError, '请输入绑定的11位手机号码');
    if (!captcha.captchaAnswer) refuse(setError, '请先输入图片验证码');
    setError('');
    const answer = await request<{ resendAfterSeconds: number }>('/api/accounts/password/reset/sms-code', {
      method: 'POST',
      data: { idCardNo: id.documentNo, phone, ...captcha },
      anonymous: true,
    });
    void Taro.showToast({ title: '如手机号与绑定的一致，验证码已发送', icon: 'none', duration: 2500 });
    return answer;
  };

  const submit = () => {
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) return setError(`证件号码不正确：${id.reason}`);
    if (!isValidPhone(phone)) return setError('请输入绑定的11位手机号码');
    if (!isValidSmsCode(smsCode)) return setError('请输入6位短信验证码');
    const problem = newPasswordProblem('新密码', newPassword, repeat, idCardNo);
    if (problem) return setError(problem);
    void run(async () => {
      await request('/api/accounts/password/reset', {
        method: 'POST',
        data: { idCardNo: id.documentNo, phone, smsCode, newPassword },
        anonymous: true,
        quiet: true,
      });
      await Taro.showModal({ title: '密码已重置', content: '请使用新密码重新登录', showCancel: false });
      signOutTo();
    }, '重置失败，请重试');
  };

  return (
    <View className="page">
      <View className="card">
        <View className="hint">验证码将发送到该证件号码绑定的手机。未绑定手机的考生请持本人证件到自考办重置密码。</View>
        <TextField
          id="reset-id"
          label="证件号码"
          placeholder="身份证、居住证、通行证或护照号码"
          type="text"
          maxlength={18}
          value={idCardNo}
          onInput={setIdCardNo}
        />
        <TextField
          id="reset-phone"
          label="手机号码"
          placeholder="绑定的手机号码"
          type="number"
          maxlength={11}
          value={phone}
          onInput={setPhone}
        />
        <SmsCodeField id="reset" value={smsCode} onInput={setSmsCode} send={sendCode} captchaAlways />
        <NewPasswordFields
          id="reset"
          label="新密码"
          password={newPassword}
          repeat={repeat}
          onPassword={setNewPassword}
          onRepeat={setRepeat}
        />
        {error && <View className="error-text">{error}</View>}
        <Button className="btn-primary" id="reset-submit" disabled={busy || undefined} onClick={submit}>
          {busy ? '提交中…' : '重置密码'}
        </Button>
      </View>
    </View>
  );
}
