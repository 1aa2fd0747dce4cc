import { isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { CaptchaValue } from '../components/CaptchaField';
import { SmsCodeField } from '../components/SmsCodeField';
import { CourseCodeInput } from './CourseCodeInput';

interface Props {
  /** Checks the new code and asks for the 保存考位 SMS code for it (with the image captcha once the server asks). */
  sendCode: (courseCode: string, captcha: CaptchaValue) => Promise<{ resendAfterSeconds: number }>;
  /** Resolves true once the course is replaced. */
  replace: (courseCode: string, smsCode: string) => Promise<boolean>;
  onCancel: () => void;
}

/** Seed 004 三.(1) 更换课程: another course code of the same unit, 获取验证码, the SMS code, 确定更换. */
export function ReplaceBox({ sendCode, replace, onCancel }: Props) {
  const [courseCode, setCourseCode] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <View className="replace-box">
      <CourseCodeInput
        id="replace-code"
        className="code-input"
        placeholder="同一考试单元的课程代码"
        value={courseCode}
        onInput={setCourseCode}
      />
      <SmsCodeField
        id="replace"
        value={smsCode}
        onInput={setSmsCode}
        send={(captcha) => sendCode(courseCode.trim(), captcha)}
        disabled={courseCode.trim() === ''}
      />
      <View className="slot-actions">
        <Button
          size="mini"
          id="replace-confirm"
          className="slot-action"
          disabled={busy || !isValidSmsCode(smsCode) || undefined}
          onClick={async () => {
            setBusy(true);
            try {
              await replace(courseCode.trim(), smsCode);
            } finally {
              setBusy(false);
            }
          }}
        >
          确定更换
        </Button>
        <Button size="mini" className="slot-action" onClick={onCancel}>
          放弃
        </Button>
      </View>
    </View>
  );
}
