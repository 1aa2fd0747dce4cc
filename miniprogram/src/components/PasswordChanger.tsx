import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { request } from '../services/request';
import { session } from '../services/session';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields';
import { TextField } from './TextField';
import { useFormAction } from './useFormAction';

interface Props {
  /** Label of the old-password box: 初始密码 on the first login, 原密码 later. */
  oldLabel: string;
  oldHint?: string;
  /** After success; every session has ended on the server, and the stored one is already dropped here. */
  onChanged: () => void;
}

/** 修改密码: the old one, the new one twice, with the rule and a strength hint as the candidate types. */
export function PasswordChanger({ oldLabel, oldHint, onChanged }: Props) {
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useFormAction();

  const submit = () => {
    if (!oldPassword) return setError(`请输入${oldLabel}`);
    const problem = newPasswordProblem('新密码', newPassword, repeat);
    if (problem) return setError(problem);
    if (newPassword === oldPassword) return setError('新密码不能与原密码相同');
    void run(async () => {
      await request('/api/accounts/password', { method: 'POST', data: { oldPassword, newPassword }, quiet: true });
      session.clear();
      onChanged();
    }, '修改失败，请重试');
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
      <NewPasswordFields
        id="password"
        label="新密码"
        password={newPassword}
        repeat={repeat}
        onPassword={setNewPassword}
        onRepeat={setRepeat}
      />
      {error && <View className="error-text password-error">{error}</View>}
      <Button className="btn-primary" id="password-submit" disabled={busy || undefined} onClick={submit}>
        {busy ? '提交中…' : '确认修改'}
      </Button>
    </View>
  );
}
