import { Image, Input, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../services/request';

export interface CaptchaValue {
  captchaId?: string;
  captchaAnswer?: string;
}

interface Props {
  onChange: (value: CaptchaValue) => void;
  /** Change this number to fetch a new image (each image allows one guess, so after every attempt). */
  refreshKey?: number;
}

/** What GET /api/captcha answers. */
interface IssuedCaptcha {
  captchaId: string;
  /** A data: URI (SVG), ready for <Image src>. */
  image: string;
  expiresAt: string;
}

/** 图片验证码: the image (tap for a new one) and the answer box. */
export function CaptchaField({ onChange, refreshKey = 0 }: Props) {
  const [captcha, setCaptcha] = useState<IssuedCaptcha | null>(null);
  const [failed, setFailed] = useState(false);
  const [answer, setAnswer] = useState('');
  // The parent's callback may change identity each render; the image must not reload because of it.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const load = useCallback(() => {
    setFailed(false);
    request<IssuedCaptcha>('/api/captcha', { anonymous: true, quiet: true }).then(
      (issued) => {
        setCaptcha(issued);
        setAnswer('');
        onChangeRef.current({ captchaId: issued.captchaId, captchaAnswer: '' });
      },
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load, refreshKey]);
  return (
    <View className="field captcha-field">
      <View className="field-label">图片验证码</View>
      <Input
        id="captcha-answer"
        className="field-input"
        placeholder="请输入右侧字符"
        maxlength={8}
        value={answer}
        onInput={(e) => {
          setAnswer(e.detail.value);
          onChangeRef.current({ captchaId: captcha?.captchaId, captchaAnswer: e.detail.value });
        }}
      />
      {captcha && !failed && (
        <Image
          className="captcha-image"
          style={{ width: '120px', height: '40px' }}
          src={captcha.image}
          onClick={load}
        />
      )}
      {failed && (
        <View className="link captcha-retry" onClick={load}>
          加载失败，点击重试
        </View>
      )}
    </View>
  );
}
