import { formatBeijing, isValidSmsCode } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { SmsCodeField } from '../components/SmsCodeField';
import { bookingApi, type WaitlistEntryView } from './bookingApi';
import { SubscribeButton } from '../components/SubscribeButton';

interface Props {
  periodId: number;
  countyId: number;
  /** Codes of courses whose unit is full in the county (from the check or the hold). */
  fullCodes: string[];
  /** The candidate's waitlist entries of this period. */
  entries: WaitlistEntryView[];
  /** After joining (with the course now waiting) or leaving. */
  onChange: (joinedCode?: string) => void;
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** 候补: join the line of a full unit with the 保存考位 SMS code, see the place in line, leave with one tap. */
export function WaitlistPanel({ periodId, countyId, fullCodes, entries, onChange }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [smsCode, setSmsCode] = useState('');
  const [busy, setBusy] = useState(false);
  const waiting = entries.filter((e) => e.state === 'waiting' || e.state === 'offered');
  const joinable = fullCodes.filter((code) => !entries.some((e) => e.state === 'waiting' && e.courseCode === code));
  if (waiting.length === 0 && joinable.length === 0) return null;

  const join = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const entry = await bookingApi.joinWaitlist({ periodId, countyId, courseCode: chosen, smsCode });
      toast(`已加入候补，当前排第 ${entry.position ?? '-'} 位`);
      setChosen(null);
      setSmsCode('');
      onChange(chosen);
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  const leave = async (entry: WaitlistEntryView) => {
    try {
      await bookingApi.leaveWaitlist(entry.entryId);
      toast('已退出候补');
      onChange();
    } catch {
      // Shown by the request module.
    }
  };

  return (
    <View className="card waitlist-panel" id="waitlist-panel">
      <View className="card-title">候补</View>
      {waiting.map((e) => (
        <View className="waitlist-entry" key={e.entryId}>
          <View className="row">
            <View>
              {e.courseCode} {e.courseName} · {e.unitLabel}
            </View>
            <View className={`badge ${e.state === 'offered' ? 'badge-success' : ''}`}>{e.stateLabel}</View>
          </View>
          {e.state === 'waiting' ? (
            <View className="row">
              <View className="hint waitlist-position">当前排第 {e.position} 位</View>
              <Button id={`leave-waitlist-${e.entryId}`} size="mini" onClick={() => void leave(e)}>
                退出候补
              </Button>
            </View>
          ) : (
            <View className="hint">
              考位已为您保存，请在 {e.payBy ? formatBeijing(e.payBy) : ''} 前确认并缴费，逾期将转给下一位候补考生。
            </View>
          )}
        </View>
      ))}
      {waiting.length > 0 && <SubscribeButton moment="afterWaitlist" />}
      {joinable.length > 0 && (
        <>
          <View className="hint">
            以下课程所在考试单元考位已满，可加入候补：有考位释放时按候补先后自动为您保存考位。
          </View>
          {joinable.map((code) => (
            <View className="row" key={code}>
              <View>{code}</View>
              <Button
                id={`waitlist-choose-${code}`}
                size="mini"
                className={chosen === code ? 'btn-primary' : ''}
                onClick={() => setChosen(code)}
              >
                {chosen === code ? '已选择' : '候补'}
              </Button>
            </View>
          ))}
          {chosen && (
            <>
              <SmsCodeField
                id="waitlist"
                value={smsCode}
                onInput={setSmsCode}
                send={(captcha) => bookingApi.waitlistCode({ periodId, countyId, courseCode: chosen, ...captcha })}
              />
              <Button
                id="join-waitlist"
                className="btn-primary"
                disabled={busy || !isValidSmsCode(smsCode)}
                onClick={() => void join()}
              >
                加入候补
              </Button>
            </>
          )}
        </>
      )}
    </View>
  );
}
