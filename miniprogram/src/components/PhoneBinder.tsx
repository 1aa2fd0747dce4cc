import { isValidPhone, isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { wechat } from '../platform/wechat';
import { request } from '../services/request';
import type { CaptchaValue } from './CaptchaField';
import { SmsCodeField } from './SmsCodeField';
import { TextField } from './TextField';
import type { NextStep } from './accountSession';
import { PrivacyConsent } from './PrivacyConsent';
import { refuse } from './formErrors';
import { useFormAction } from './useFormAction';

export interface BindAnswer {
  phoneMasked: string;
  nextStep: NextStep;
}

/**
 * 绑定手机: a typed number proven by SMS, or the number WeChat vouches for (getPhoneNumber; the simulator in the H5
 * test build; nothing on the web channel). An enrolled candidate whose record came with a phone (`phoneOnFileMasked`)
 * binds exactly that one: the number is shown locked and the code goes to it (the server knows it in full).
 */
export function PhoneBinder({
  onBound,
  phoneOnFileMasked = null,
}: {
  onBound: (answer: BindAnswer) => void;
  phoneOnFileMasked?: string | null;
}) {
  const locked = phoneOnFileMasked !== null;
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const { busy, error, setError, run } = useFormAction();

  const sendCode = (captcha: CaptchaValue) => {
    if (!locked && !isValidPhone(phone)) refuse(setError, '请输入11位手机号码');
    setError('');
    return request<{ resendAfterSeconds: number }>('/api/accounts/phone/sms-code', {
      method: 'POST',
      data: locked ? { ...captcha } : { phone, ...captcha },
    });
  };

  const bindWith = (path: string, data: Record<string, string>) =>
    run(
      async () => onBound(await request<BindAnswer>(path, { method: 'POST', data, quiet: true })),
      '绑定失败，请重试',
    );

  const bindBySms = () => {
    if (!locked && !isValidPhone(phone)) return setError('请输入11位手机号码');
    if (!isValidSmsCode(smsCode)) return setError('请输入6位短信验证码');
    void bindWith('/api/accounts/phone', locked ? { smsCode } : { phone, smsCode });
  };

  /** H5 only: the simulator gives the code WeChat's button would, for the typed number. */
  const bindWithSimulatedWechat = async () => {
    if (!isValidPhone(phone)) return setError('请先输入要使用的微信手机号码');
    try {
      await bindWith('/api/accounts/phone/wechat', { code: await wechat.phoneCode(phone) });
    } catch {
      // Shown by the request module.
    }
  };

  return (
    <View className="phone-binder">
      {locked ? (
        <View className="phone-on-file">
          <View className="row">
            <View>手机号码</View>
            <View className="phone-bound" id="bind-phone-on-file">
              {phoneOnFileMasked}
            </View>
          </View>
          <View className="hint">
            在籍信息登记的手机号，验证码将发送至该手机。手机号已变更的，请携带证件到报考县（市、区）考办重置。
          </View>
        </View>
      ) : (
        <TextField
          id="bind-phone"
          label="手机号码"
          placeholder="请输入11位手机号码"
          type="number"
          maxlength={11}
          value={phone}
          onInput={setPhone}
        />
      )}
      <SmsCodeField id="bind" value={smsCode} onInput={setSmsCode} send={sendCode} />
      {error && <View className="error-text bind-error">{error}</View>}
      <Button className="btn-primary" id="bind-submit" disabled={busy || undefined} onClick={bindBySms}>
        {busy ? '绑定中…' : '绑定手机'}
      </Button>
      {locked ? null : wechat.hasPhoneButton ? (
        <Button
          className="btn-secondary"
          openType="getPhoneNumber"
          disabled={busy || undefined}
          onGetPhoneNumber={(e) => {
            const code = (e.detail as { code?: string }).code;
            if (code) void bindWith('/api/accounts/phone/wechat', { code });
          }}
        >
          使用微信手机号
        </Button>
      ) : (
        wechat.available && (
          <Button
            className="btn-secondary"
            id="bind-wechat-phone"
            disabled={busy || undefined}
            onClick={bindWithSimulatedWechat}
          >
            使用微信手机号
          </Button>
        )
      )}
      {/* WeChat asks for privacy consent before the phone-number button works (weapp only). */}
      <PrivacyConsent />
    </View>
  );
}
