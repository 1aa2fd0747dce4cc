import { Image, Input, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../services/request';

export interface CaptchaValue {
  captchaId?: string;
  captchaAnswer?: string;
}

interface Props {
  onChange: (value: CaptchaValue) => void;
  /** Change this number to fetch a new image (after a wrong answer). */
  refreshKey?: number;
}

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** 图片验证码: the image (tap for a new one) and the answer box. */
export function CaptchaField({ onChange, refreshKey = 0 }: Props) {
  const [captcha, setCaptcha] = useState<{ id: string; svg: string } | null>(null);
  const [answer, setAnswer] = useState('');
  const load = useCallback(() => {
    request<{ id: string; svg: string }>('/api/captcha', { anonymous: true }).then(
      (c) => {
        setCaptcha(c);
        setAnswer('');
        onChange({ captchaId: c.id, captchaAnswer: '' });
      },
      () => undefined,
    );
  }, [onChange]);
  useEffect(load, [load, refreshKey]);
  return (
    <View className="field">
      <View className="field-label">图片验证码</View>
      <Input
        id="captcha-answer"
        className="field-input"
        placeholder="请输入右侧字符"
        maxlength={8}
        value={answer}
        onInput={(e) => {
          setAnswer(e.detail.value);
          onChange({ captchaId: captcha?.id, captchaAnswer: e.detail.value });
        }}
      />
      {captcha && <Image style={{ width: '120px', height: '40px' }} src={svgDataUrl(captcha.svg)} onClick={load} />}
    </View>
  );
}
