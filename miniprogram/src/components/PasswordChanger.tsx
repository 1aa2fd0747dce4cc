import { passwordProblem } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, request } from '../services/request';
import { PasswordStrength } from './PasswordStrength';
import { TextField } from './TextField';

interface Props {
  /** Label of the old-password box: 初始密码 on the first login, 原密码 later. */
  oldLabel: string;
  oldHint?: string;
  onChanged: () => void;
}

/** 修改密码: the old one, the new one twice, with the rule and a strength hint as the candidate types. */
export function PasswordChanger({ oldLabel, oldHint, onChanged }: Props) {
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!oldPassword) return setError(`请输入${oldLabel}`);
    const problem = passwordProblem(newPassword);
    if (problem) return setError(`新密码${problem}`);
    if (newPassword !== repeat) return setError('两次输入的新密码不一致');
    if (newPassword === oldPassword) return setError('新密码不能与原密码相同');
    setBusy(true);
    setError('');
    try {
      await request('/api/accounts/password', { method: 'POST', data: { oldPassword, newPassword }, quiet: true });
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '修改失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="password-changer">
      <TextField
        id="password-old"
        label={oldLabel}
        placeholder={oldHint ?? `请输入${oldLabel}`}
        password
        value={oldPassword}
        onInput={setOldPassword}
      />
      <TextField
        id="password-new"
        label="新密码"
        placeholder="请输入新密码"
        password
        value={newPassword}
        onInput={setNewPassword}
      />
      <TextField
        id="password-repeat"
        label="确认新密码"
        placeholder="请再次输入新密码"
        password
        value={repeat}
        onInput={setRepeat}
      />
      <PasswordStrength password={newPassword} />
      {error && <View className="error-text password-error">{error}</View>}
      <Button className="btn-primary" id="password-submit" disabled={busy || undefined} onClick={submit}>
        {busy ? '提交中…' : '确认修改'}
      </Button>
    </View>
  );
}
