import { isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { PhoneBinder } from '../../components/PhoneBinder';
import type { CaptchaValue } from '../../components/CaptchaField';
import { SmsCodeField } from '../../components/SmsCodeField';
import type { Profile } from '../../components/accountSession';
import { useFormAction } from '../../components/useFormAction';
import { useLoadOnShow } from '../../components/useLoad';
import { request } from '../../services/request';

/** The unbind form: the code goes to the phone being let go, so only its holder can. */
function Unbinder({ phoneMasked, onUnbound }: { phoneMasked: string; onUnbound: () => void }) {
  const [smsCode, setSmsCode] = useState('');
  const { busy, error, setError, run } = useFormAction();

  const sendCode = (captcha: CaptchaValue) => {
    return request<{ resendAfterSeconds: number }>('/api/accounts/phone/unbind/sms-code', {
      method: 'POST',
      data: captcha,
    });
  };

  const unbind = async () => {
    if (!isValidSmsCode(smsCode)) return setError('请输入6位短信验证码');
    const { confirm } = await Taro.showModal({
      title: '解绑手机',
      content: `解绑后须重新绑定手机才能报考。确定解绑 ${phoneMasked}？`,
      confirmText: '解绑',
    });
    if (!confirm) return;
    await run(async () => {
      await request('/api/accounts/phone/unbind', { method: 'POST', data: { smsCode }, quiet: true });
      void Taro.showToast({ title: '已解绑', icon: 'success' });
      onUnbound();
    }, '解绑失败，请重试');
  };

  return (
    <>
      <View className="hint">如需更换手机，请先解绑：验证码将发送到当前绑定的手机 {phoneMasked}。</View>
      <SmsCodeField id="unbind" value={smsCode} onInput={setSmsCode} send={sendCode} />
      {error && <View className="error-text">{error}</View>}
      <Button className="btn-secondary" id="unbind-submit" disabled={busy || undefined} onClick={unbind}>
        解绑手机
      </Button>
    </>
  );
}

/** 手机绑定: the bound number (masked), unbind with a code to it, and bind a new one. */
export default function PhonePage() {
  const load = useCallback(() => request<Profile>('/api/accounts/me'), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(profile) => (
          <View className="card">
            {profile.phoneMasked ? (
              <>
                <View className="row">
                  <View>已绑定手机</View>
                  <View className="phone-bound">{profile.phoneMasked}</View>
                </View>
                <Unbinder phoneMasked={profile.phoneMasked} onUnbound={reload} />
              </>
            ) : (
              <>
                <View className="card-title">绑定手机</View>
                <PhoneBinder
                  phoneOnFileMasked={profile.phoneOnFileMasked}
                  onBound={() => {
                    void Taro.showToast({ title: '绑定成功', icon: 'success' });
                    reload();
                  }}
                />
              </>
            )}
          </View>
        )}
      </PageState>
    </View>
  );
}
