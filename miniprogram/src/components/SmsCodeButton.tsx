import { Button } from '@tarojs/components';
import { useEffect, useState } from 'react';

interface Props {
  /** Sends the code; resolves with the seconds to wait before the next one (the server's resend interval). */
  send: () => Promise<number | void>;
  disabled?: boolean;
  id?: string;
}

/** 获取验证码 with a countdown, as on the provincial website. */
export function SmsCodeButton({ send, disabled, id }: Props) {
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);
  const onClick = async () => {
    setSending(true);
    try {
      const wait = await send();
      setSecondsLeft(typeof wait === 'number' && wait > 0 ? wait : 60);
    } catch {
      // The request module already showed why.
    } finally {
      setSending(false);
    }
  };
  return (
    // type="default" keeps the countdown readable; `|| undefined`: in H5 disabled="false" would still grey it out.
    <Button
      id={id}
      size="mini"
      type="default"
      disabled={disabled || sending || secondsLeft > 0 || undefined}
      onClick={onClick}
    >
      {secondsLeft > 0 ? `${secondsLeft}秒后重发` : sending ? '发送中…' : '获取验证码'}
    </Button>
  );
}
