import { useState, type FormEvent } from 'react';
import { authApi } from '../api/client';
import type { TotpSetup } from '../api/types';
import { DataState, ErrorBanner, Field, Notice, PageHeader } from '../components/ui';
import { useAction, useLoad } from '../hooks';

/** Two-step sign-in with an authenticator app (TOTP). */
export function SecurityPage() {
  const me = useLoad(() => authApi.me(), []);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const start = () =>
    action.run(async () => {
      setNotice(null);
      setSetup(await authApi.totpSetup());
      setCode('');
    });
  const enable = (e: FormEvent) => {
    e.preventDefault();
    if (!setup) return;
    void action.run(async () => {
      await authApi.totpEnable(setup.secret, code.trim());
      setSetup(null);
      setCode('');
      setNotice('已启用两步验证，下次登录时需输入动态验证码');
      me.reload();
    });
  };
  const disable = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await authApi.totpDisable(code.trim());
      setCode('');
      setNotice('已停用两步验证');
      me.reload();
    });
  };

  return (
    <>
      <PageHeader title="账户安全">
        登录时除密码外再输入身份验证器应用中的动态验证码，可防止密码泄露后被他人登录。
      </PageHeader>
      <Notice message={notice} />
      <DataState state={me}>
        {(info) => (
          <div className="card narrow">
            <dl className="facts">
              <dt>用户名</dt>
              <dd>{info.username}</dd>
              <dt>姓名</dt>
              <dd>{info.name}</dd>
              <dt>角色</dt>
              <dd>{info.roleLabel}</dd>
              <dt>两步验证</dt>
              <dd>{info.totpEnabled ? <span className="badge badge-success">已启用</span> : '未启用'}</dd>
            </dl>
            {info.totpEnabled ? (
              <form className="form" onSubmit={disable}>
                <Field label="动态验证码" hint="停用前请输入当前的6位动态验证码">
                  <TotpCodeInput value={code} onChange={setCode} />
                </Field>
                <ErrorBanner message={action.error} />
                <div className="form-actions">
                  <button type="submit" className="danger" disabled={action.pending}>
                    停用两步验证
                  </button>
                </div>
              </form>
            ) : setup ? (
              <form className="form" onSubmit={enable}>
                <p>1. 用身份验证器应用（如 Microsoft Authenticator、Google 身份验证器）扫描二维码：</p>
                <img className="qr" src={setup.qrDataUrl} alt="两步验证二维码" />
                <p className="muted">
                  无法扫码时手动输入密钥：<code>{setup.secret}</code>
                </p>
                <Field label="2. 输入应用显示的6位动态验证码">
                  <TotpCodeInput value={code} onChange={setCode} />
                </Field>
                <ErrorBanner message={action.error} />
                <div className="form-actions">
                  <button type="button" onClick={() => setSetup(null)}>
                    取消
                  </button>
                  <button type="submit" className="primary" disabled={action.pending}>
                    启用
                  </button>
                </div>
              </form>
            ) : (
              <>
                <ErrorBanner message={action.error} />
                <button type="button" className="primary" disabled={action.pending} onClick={start}>
                  启用两步验证
                </button>
              </>
            )}
          </div>
        )}
      </DataState>
    </>
  );
}

/** The six-digit code the authenticator app shows. */
function TotpCodeInput({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  return (
    <input name="totpCode" inputMode="numeric" maxLength={6} value={value} onChange={(e) => onChange(e.target.value)} />
  );
}
