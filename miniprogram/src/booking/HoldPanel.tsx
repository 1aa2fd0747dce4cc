import { isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { CaptchaValue } from '../components/CaptchaField';
import { SmsCodeField } from '../components/SmsCodeField';
import type { HoldResult } from './bookingApi';

interface Props {
  pendingCount: number;
  /** Checks seats (with the full-units dialog) and sends the code, with the image captcha once the server asks for it. */
  sendCode: (captcha: CaptchaValue) => Promise<{ resendAfterSeconds: number }>;
  /** Where the code went, e.g. 138****0000; null before it was sent. */
  sentTo: string | null;
  hold: (smsCode: string) => Promise<void>;
  results: HoldResult[] | null;
  error: string | null;
}

const RESULT_LABELS: Record<HoldResult['result'], string> = {
  held: '保存成功',
  seat_full: '考位已满',
  refused: '未保存',
};

/** 获取验证码 → 输入短信验证码 → 保存考位, and what happened to each course. */
export function HoldPanel({ pendingCount, sendCode, sentTo, hold, results, error }: Props) {
  const [smsCode, setSmsCode] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <View className="card hold-panel">
      <View className="card-title">保存考位</View>
      <View className="hint">
        {pendingCount > 0
          ? `已填报 ${pendingCount} 门待保存的课程。获取验证码前将检查考位。`
          : '填入课程代码后获取短信验证码。'}
      </View>
      <SmsCodeField id="hold" value={smsCode} onInput={setSmsCode} send={sendCode} disabled={pendingCount === 0} />
      {sentTo && <View className="hint">验证码已发送至 {sentTo}</View>}
      {error && <View className="error-text hold-error">{error}</View>}
      <Button
        id="hold-seats"
        className="btn-primary"
        disabled={busy || pendingCount === 0 || !isValidSmsCode(smsCode)}
        onClick={async () => {
          setBusy(true);
          try {
            await hold(smsCode);
            setSmsCode('');
          } finally {
            setBusy(false);
          }
        }}
      >
        保存考位
      </Button>
      {results && (
        <View className="hold-results" id="hold-results">
          <View className="card-subtitle">保存考位结果</View>
          {results.map((r) => (
            <View className="hold-result" key={r.code}>
              <View className="row">
                <View>
                  {r.code} {r.courseName ?? ''}
                </View>
                <View className={`badge ${r.result === 'held' ? 'badge-success' : 'badge-danger'}`}>
                  {RESULT_LABELS[r.result]}
                </View>
              </View>
              {r.error && <View className="error-text">{r.error.message}</View>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
