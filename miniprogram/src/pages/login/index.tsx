import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CaptchaField } from '../../components/CaptchaField';
import { TextField } from '../../components/TextField';
import { finishLogin, type LoginAnswer } from '../../components/accountSession';
import { useCaptchaGate } from '../../components/useCaptchaGate';
import { useFormAction } from '../../components/useFormAction';
import { wechat } from '../../platform/wechat';
import { request, SESSION_EXPIRED_MESSAGE } from '../../services/request';
import { takeAccount, takeTicketChoice, type TicketChoice } from './ticketChoice';
import './index.css';

type WechatAnswer = ({ linked: true } & LoginAnswer) | { linked: false; wechatToken: string };

export default function LoginPage() {
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [ticket, setTicket] = useState<TicketChoice | null>(null);
  const [wechatToken, setWechatToken] = useState<string | null>(null);
  const { busy, error, setError, run } = useFormAction();
  const captcha = useCaptchaGate();
  // Sent here because the stored session stopped working (see the request interceptors).
  const sessionExpired = useRouter().params.expired === '1';

  useDidShow(() => {
    const picked = takeTicketChoice();
    if (picked) {
      setTicket(picked);
      setError('');
    }
    const offered = takeAccount();
    if (offered) {
      setTicket(null);
      setAccount(offered);
    }
  });

  const wechatLogin = () =>
    run(async () => {
      try {
        const code = await wechat.loginCode();
        const answer = await request<WechatAnswer>('/api/accounts/wechat-login', {
          method: 'POST',
          data: { code },
          anonymous: true,
        });
        if (answer.linked) finishLogin(answer);
        else setWechatToken(answer.wechatToken);
      } catch {
        // Shown by the request module (a toast, not beside the password form).
      }
    }, '');

  const passwordLogin = () => {
    if (!ticket && !account.trim()) return setError('请输入准考证号或证件号码');
    if (!password) return setError('请输入密码');
    void run(
      async () => {
        const answer = await request<LoginAnswer>('/api/accounts/login', {
          method: 'POST',
          data: {
            ...(ticket ? { ticketToken: ticket.ticketToken } : { account: account.trim() }),
            password,
            ...(wechatToken ? { wechatToken } : {}),
            ...captcha.body,
          },
          anonymous: true,
          quiet: true,
        });
        finishLogin(answer);
      },
      '登录失败，请重试',
      captcha.afterAttempt,
    );
  };

  return (
    <View className="page login-page">
      <View className="login-brand">自学考试报考</View>
      {sessionExpired && <View className="card error-text login-expired">{SESSION_EXPIRED_MESSAGE}</View>}
      {wechat.available && (
        <View className="card">
          {/* `|| undefined` on every button: in H5 disabled="false" would still match Taro's greyed [disabled] style. */}
          <Button className="btn-wechat" id="wechat-login" disabled={busy || undefined} onClick={wechatLogin}>
            微信一键登录
          </Button>
          {wechatToken && (
            <View className="hint login-wechat-unlinked">
              该微信尚未绑定考生账号。请用准考证号或证件号码和密码登录，登录后将自动绑定此微信。
            </View>
          )}
        </View>
      )}
      <View className="card">
        <View className="card-title">密码登录</View>
        {ticket ? (
          <View className="field">
            <View className="field-label">准考证号</View>
            <View className="field-input login-ticket">
              {ticket.ticketNo}（{ticket.majorName}）
            </View>
            <View className="link" onClick={() => setTicket(null)}>
              更换
            </View>
          </View>
        ) : (
          <TextField
            id="login-account"
            label="账号"
            placeholder="准考证号或证件号码"
            type="text"
            maxlength={18}
            value={account}
            onInput={setAccount}
          />
        )}
        <TextField
          id="login-password"
          label="密码"
          placeholder="请输入密码"
          password
          value={password}
          onInput={setPassword}
        />
        {captcha.needed && <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />}
        <View className="hint">在籍考生首次登录的初始密码为证件号码后6位</View>
        {error && <View className="error-text login-error">{error}</View>}
        <Button className="btn-primary" id="login-submit" disabled={busy || undefined} onClick={passwordLogin}>
          {busy ? '登录中…' : '登录'}
        </Button>
      </View>
      <View className="login-links">
        <View className="link" onClick={() => Taro.navigateTo({ url: '/pages/ticket-lookup/index' })}>
          找回准考证号
        </View>
        <View className="link" onClick={() => Taro.navigateTo({ url: '/pages/forgot-password/index' })}>
          忘记密码
        </View>
        <View className="link" onClick={() => Taro.navigateTo({ url: '/pages/register/index' })}>
          新生注册
        </View>
        <View
          className="link"
          id="login-score-lookup"
          onClick={() => Taro.navigateTo({ url: '/pages/score-lookup/index' })}
        >
          成绩查询
        </View>
        <View
          className="link"
          id="login-certificate-lookup"
          onClick={() => Taro.navigateTo({ url: '/pages/certificate-lookup/index' })}
        >
          证书查询
        </View>
      </View>
    </View>
  );
}
