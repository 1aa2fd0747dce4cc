import { isValidIdCardNo, isValidPhone, isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CaptchaField, type CaptchaValue } from '../../components/CaptchaField';
import { NewPasswordFields, newPasswordProblem } from '../../components/NewPasswordFields';
import { SmsCodeButton } from '../../components/SmsCodeButton';
import { TextField } from '../../components/TextField';
import { signOutTo } from '../../components/accountSession';
import { refuse } from '../../components/formErrors';
import { ApiError, request } from '../../services/request';

/** 忘记密码: a code to the phone bound to the ID number, then a new password (every session ends). */
export default function ForgotPasswordPage() {
  const [idCardNo, setIdCardNo] = useState('');
  const [phone, setPhone] = useState('');
  const [captcha, setCaptcha] = useState<CaptchaValue>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const [smsCode, setSmsCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const sendCode = async () => {
    if (!isValidIdCardNo(idCardNo)) refuse(setError, '请输入正确的18位身份证号码');
    if (!isValidPhone(phone)) refuse(setError, '请输入绑定的11位手机号码');
    if (!captcha.captchaAnswer) refuse(setError, '请先输入图片验证码');
    setError('');
    try {
      const { resendAfterSeconds } = await request<{ resendAfterSeconds: number }>(
        '/api/accounts/password/reset/sms-code',
        { method: 'POST', data: { idCardNo: idCardNo.trim().toUpperCase(), phone, ...captcha }, anonymous: true },
      );
      void Taro.showToast({ title: '如手机号与绑定的一致，验证码已发送', icon: 'none', duration: 2500 });
      return resendAfterSeconds;
    } finally {
      setRefreshKey((k) => k + 1);
    }
  };

  const submit = async () => {
    if (!isValidIdCardNo(idCardNo)) return setError('请输入正确的18位身份证号码');
    if (!isValidPhone(phone)) return setError('请输入绑定的11位手机号码');
    if (!isValidSmsCode(smsCode)) return setError('请输入6位短信验证码');
    const problem = newPasswordProblem('新密码', newPassword, repeat, idCardNo);
    if (problem) return setError(problem);
    setBusy(true);
    setError('');
    try {
      await request('/api/accounts/password/reset', {
        method: 'POST',
        data: { idCardNo: idCardNo.trim().toUpperCase(), phone, smsCode, newPassword },
        anonymous: true,
        quiet: true,
      });
      await Taro.showModal({ title: '密码已重置', content: '请使用新密码重新登录', showCancel: false });
      signOutTo();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '重置失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      <View className="card">
        <View className="hint">验证码将发送到该身份证号码绑定的手机。未绑定手机的考生请持身份证到自考办重置密码。</View>
        <TextField
          id="reset-id"
          label="身份证号码"
          placeholder="请输入18位身份证号码"
          type="idcard"
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
        <CaptchaField onChange={setCaptcha} refreshKey={refreshKey} />
        <TextField
          id="reset-sms"
          label="短信验证码"
          placeholder="6位数字"
          type="number"
          maxlength={6}
          value={smsCode}
          onInput={setSmsCode}
        >
          <SmsCodeButton id="reset-send-code" send={sendCode} />
        </TextField>
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
