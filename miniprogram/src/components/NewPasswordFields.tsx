import { passwordProblem } from '@kaowei/shared';
import { PasswordStrength } from './PasswordStrength';
import { TextField } from './TextField';

interface Props {
  /** Prefix of the element ids: `<id>-new` and `<id>-repeat`. */
  id: string;
  /** 新密码 when changing or resetting, 登录密码 when registering. */
  label: string;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}

/** Why a new password and its repetition cannot be used, in the words of the form; null when they can. */
export function newPasswordProblem(label: string, password: string, repeat: string, idCardNo?: string): string | null {
  const problem = passwordProblem(password, idCardNo);
  if (problem) return `${label}${problem}`;
  if (password !== repeat) return `两次输入的${label}不一致`;
  return null;
}

/** A new password typed twice, with the rule and a strength hint as the candidate types. */
export function NewPasswordFields({ id, label, password, repeat, onPassword, onRepeat }: Props) {
  return (
    <>
      <TextField
        id={`${id}-new`}
        label={label}
        placeholder={`请输入${label}`}
        password
        value={password}
        onInput={onPassword}
      />
      <TextField
        id={`${id}-repeat`}
        label={`确认${label}`}
        placeholder={`请再次输入${label}`}
        password
        value={repeat}
        onInput={onRepeat}
      />
      <PasswordStrength password={password} />
    </>
  );
}
