import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, authApi } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ErrorBanner, Field, PageHeader } from '../components/ui';
import { useAction } from '../hooks';

/**
 * 修改密码, and the only page a new or reset official can open until they have changed it. Also 退出所有设备,
 * which ends every session of the account, this one included.
 */
export function ChangePasswordPage() {
  const { official, signIn, signOut } = useAuth();
  const navigate = useNavigate();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const action = useAction();
  const everywhere = useAction();
  const forced = official?.mustChangePassword ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (newPassword !== repeat) throw new ApiError('VALIDATION_FAILED', '两次输入的新密码不一致', 400);
      const session = await authApi.changePassword(oldPassword, newPassword);
      signIn({ accessToken: session.accessToken, official: session.official });
      navigate('/seats', { replace: true });
    });
  };
  const signOutEverywhere = () =>
    everywhere.run(async () => {
      await authApi.signOutEverywhere();
      signOut('已退出所有设备，请重新登录');
    });

  return (
    <>
      <PageHeader title="修改密码">
        {forced
          ? '这是新开设或刚被重置的账号，请先设置您自己的密码，之后才能使用其他功能。'
          : '修改后，其他设备上的登录将失效。'}
      </PageHeader>
      <div className="card narrow">
        <form className="form" onSubmit={submit} aria-label="修改密码">
          <Field label={forced ? '原密码（临时密码）' : '原密码'}>
            <PasswordInput name="oldPassword" value={oldPassword} onChange={setOldPassword} current />
          </Field>
          <Field label="新密码" hint="至少10位，须同时包含字母和数字，不能包含用户名">
            <PasswordInput name="newPassword" value={newPassword} onChange={setNewPassword} />
          </Field>
          <Field label="再次输入新密码">
            <PasswordInput name="repeatPassword" value={repeat} onChange={setRepeat} />
          </Field>
          <ErrorBanner message={action.error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={action.pending}>
              {action.pending ? '处理中…' : '修改密码'}
            </button>
          </div>
        </form>
      </div>
      <div className="card narrow">
        <h2>退出所有设备</h2>
        <p className="muted">
          怀疑账号被他人使用，或在公用电脑上忘记退出时使用：所有设备（包括本机）上的登录立即失效。
        </p>
        <ErrorBanner message={everywhere.error} />
        <button type="button" className="danger" disabled={everywhere.pending} onClick={() => void signOutEverywhere()}>
          退出所有设备
        </button>
      </div>
    </>
  );
}

function PasswordInput(props: { name: string; value: string; onChange: (value: string) => void; current?: boolean }) {
  return (
    <input
      name={props.name}
      type="password"
      autoComplete={props.current ? 'current-password' : 'new-password'}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      autoFocus={props.current}
    />
  );
}
