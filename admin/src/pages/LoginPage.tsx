import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, authApi, errorText } from '../api/client';
import type { Captcha } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorBanner, Field, Notice } from '../components/ui';

export function LoginPage() {
  const { signIn, farewell } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { message?: string; from?: string };
  const [form, setForm] = useState({ username: '', password: '', captchaAnswer: '', totpCode: '' });
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const loadCaptcha = async () => {
    try {
      setCaptcha(await authApi.captcha());
      setForm((f) => ({ ...f, captchaAnswer: '' }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await authApi.login({
        username: form.username,
        password: form.password,
        ...(captcha ? { captchaId: captcha.captchaId, captchaAnswer: form.captchaAnswer } : {}),
        ...(needTotp ? { totpCode: form.totpCode.trim() } : {}),
      });
      signIn({ accessToken: result.accessToken, official: result.official });
      navigate(state.from && state.from !== '/login' ? state.from : '/seats', { replace: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      // The shared message speaks to candidates (准考证号); officials sign in with a username.
      setError(code === 'LOGIN_FAILED' ? '用户名或密码错误' : errorText(err));
      if (code === 'TOTP_REQUIRED' || code === 'TOTP_INVALID') setNeedTotp(true);
      // A captcha answers once: any failure after one was asked for needs a fresh image; the server also says
      // (details.captchaRequired) when the next attempt will need one.
      const captchaNext =
        err instanceof ApiError && (err.details as { captchaRequired?: boolean } | undefined)?.captchaRequired;
      if (code === 'CAPTCHA_REQUIRED' || code === 'CAPTCHA_INVALID' || captchaNext || captcha) await loadCaptcha();
    } finally {
      setPending(false);
    }
  };

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <div className="login-page">
      <form className="login-card form" onSubmit={submit}>
        <div className="login-title">
          <h1>考位 · 考办管理后台</h1>
          <p className="muted">高等教育自学考试课程报考管理</p>
        </div>
        <Notice message={state.message ?? farewell} kind="info" />
        <Field label="用户名">
          <input name="username" autoComplete="username" value={form.username} onChange={set('username')} autoFocus />
        </Field>
        <Field label="密码">
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={form.password}
            onChange={set('password')}
          />
        </Field>
        {captcha && (
          <Field label="图片验证码">
            <div className="captcha-row">
              <input
                name="captchaAnswer"
                autoComplete="off"
                value={form.captchaAnswer}
                onChange={set('captchaAnswer')}
              />
              <button type="button" className="captcha-image" title="看不清？换一张" onClick={loadCaptcha}>
                <img src={captcha.image} alt="图片验证码" />
              </button>
            </div>
          </Field>
        )}
        {needTotp && (
          <Field label="动态验证码" hint="请输入身份验证器应用中显示的6位数字">
            <input
              name="totpCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={form.totpCode}
              onChange={set('totpCode')}
            />
          </Field>
        )}
        <ErrorBanner message={error} />
        <button type="submit" className="primary block" disabled={pending}>
          {pending ? '登录中…' : '登录'}
        </button>
      </form>
    </div>
  );
}
