import { useState } from 'react';
import { candidatesApi } from '../../api/client';
import { Field, ReasonDialog } from '../../components/ui';

type PhoneOnFileChoice = 'keep' | 'replace' | 'clear';

/**
 * 重置密码: back to the initial password. A candidate whose phone changed since the old system comes to the county
 * office for this, so the phone on file (which their first login must bind) can be corrected or cleared here too.
 */
export function ResetPasswordDialog({
  candidateId,
  phoneOnFileMasked,
  onDone,
  onClose,
}: {
  candidateId: number;
  phoneOnFileMasked: string | null;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const [choice, setChoice] = useState<PhoneOnFileChoice>('keep');
  const [phone, setPhone] = useState('');
  const phoneOnFile = choice === 'keep' ? undefined : choice === 'clear' ? null : phone.trim();
  return (
    <ReasonDialog
      title="重置密码"
      description="密码将恢复为初始密码（证件号码后6位），考生须在下次登录时修改；考生已登录的设备将退出。"
      confirmText="确认重置"
      onClose={onClose}
      onConfirm={async (reason) => {
        await candidatesApi.resetPassword(candidateId, reason, phoneOnFile);
        onDone(
          choice === 'replace'
            ? '已重置密码并更正在籍登记手机，考生首次登录须绑定该手机'
            : '已重置密码，考生下次登录须修改密码',
        );
      }}
    >
      <Field
        label={`在籍登记手机（${phoneOnFileMasked ?? '无'}）`}
        hint="首次登录只能绑定在籍登记的手机；考生手机号已变更的，请核验证件后更正。"
      >
        <select
          aria-label="在籍登记手机"
          value={choice}
          onChange={(e) => setChoice(e.target.value as PhoneOnFileChoice)}
        >
          <option value="keep">不变</option>
          <option value="replace">更正为新手机号</option>
          <option value="clear">清除（考生可绑定任一手机）</option>
        </select>
      </Field>
      {choice === 'replace' && (
        <Field label="新手机号">
          <input aria-label="新手机号" value={phone} maxLength={11} onChange={(e) => setPhone(e.target.value)} />
        </Field>
      )}
    </ReasonDialog>
  );
}
