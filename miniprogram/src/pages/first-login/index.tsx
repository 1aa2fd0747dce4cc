import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { PasswordChanger } from '../../components/PasswordChanger';
import { PhoneBinder } from '../../components/PhoneBinder';
import { signOutTo, type NextStep, type Profile } from '../../components/accountSession';
import { useLoadOnShow } from '../../components/useLoad';
import { request } from '../../services/request';
import { BOOKING_TAB } from '../../services/pages';
import './index.css';

type Step = 'bind_phone' | 'change_password' | 'relogin';
const STEPS: Array<{ step: Step; label: string }> = [
  { step: 'bind_phone', label: '绑定手机' },
  { step: 'change_password', label: '修改密码' },
  { step: 'relogin', label: '重新登录' },
];

function Progress({ current }: { current: Step }) {
  const index = STEPS.findIndex((s) => s.step === current);
  return (
    <View className="first-login-steps">
      {STEPS.map((s, i) => (
        <View key={s.step} className={`first-login-step ${i <= index ? 'first-login-step-on' : ''}`}>
          <View className="first-login-step-no">{i + 1}</View>
          <View>{s.label}</View>
        </View>
      ))}
    </View>
  );
}

/** 首次登录: bind a phone, then replace the initial password, then log in again with it. */
export default function FirstLoginPage() {
  const load = useCallback(() => request<Profile>('/api/accounts/me'), []);
  const { state, reload } = useLoadOnShow(load);
  // Steps done on this page move ahead without waiting for a reload.
  const [override, setOverride] = useState<NextStep | 'relogin' | undefined>(undefined);

  const finishPassword = () => {
    // PasswordChanger already dropped the ended session: ask for the new password.
    setOverride('relogin');
  };

  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(profile) => {
          const step = override !== undefined ? override : profile.nextStep;
          if (!step)
            return (
              <View className="card">
                <View className="card-title">首次登录设置已完成</View>
                <Button className="btn-primary" onClick={() => Taro.switchTab({ url: BOOKING_TAB })}>
                  去报考
                </Button>
              </View>
            );
          return (
            <>
              <Progress current={step} />
              {step === 'bind_phone' && (
                <View className="card">
                  <View className="card-title">第一步：绑定手机</View>
                  <View className="hint">
                    {profile.name}，您好！首次登录请先绑定本人手机，用于接收报考验证码和找回密码。
                  </View>
                  <PhoneBinder
                    phoneOnFileMasked={profile.phoneOnFileMasked}
                    onBound={(answer) => setOverride(answer.nextStep)}
                  />
                </View>
              )}
              {step === 'change_password' && (
                <View className="card">
                  <View className="card-title">第二步：修改初始密码</View>
                  <View className="hint">初始密码为证件号码后6位，请设置新的登录密码。</View>
                  <PasswordChanger oldLabel="初始密码" oldHint="证件号码后6位" onChanged={finishPassword} />
                </View>
              )}
              {step === 'relogin' && (
                <View className="card first-login-done">
                  <View className="card-title">设置完成</View>
                  <View>请使用新密码重新登录</View>
                  <Button className="btn-primary" id="first-login-relogin" onClick={() => signOutTo()}>
                    重新登录
                  </Button>
                </View>
              )}
            </>
          );
        }}
      </PageState>
    </View>
  );
}
