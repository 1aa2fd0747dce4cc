import { CaptchaField, type CaptchaValue } from './CaptchaField';
import { SmsCodeButton } from './SmsCodeButton';
import { TextField } from './TextField';
import { useCaptchaGate } from './useCaptchaGate';

interface Props {
  /** Prefix of the element ids: `<id>-sms` for the code box, `<id>-send-code` for the button. */
  id: string;
  value: string;
  onInput: (value: string) => void;
  /** Asks the server for a code, with the captcha answer when one is shown; throws to stop the countdown. */
  send: (captcha: CaptchaValue) => Promise<{ resendAfterSeconds: number }>;
  /** Show the image captcha from the start, for every code (not only once the server asks for it). */
  captchaAlways?: boolean;
  /** Nothing to send a code for yet (e.g. no course typed). */
  disabled?: boolean;
}

/** 短信验证码 with its 获取验证码 button, and the image captcha the server asks for after too many codes. */
export function SmsCodeField({ id, value, onInput, send, captchaAlways = false, disabled }: Props) {
  const captcha = useCaptchaGate(captchaAlways);
  const sendCode = async () => {
    try {
      const answer = await send(captcha.body);
      captcha.afterAttempt();
      return answer.resendAfterSeconds;
    } catch (e) {
      captcha.afterAttempt(e);
      throw e;
    }
  };
  return (
    <>
      {captcha.needed && <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />}
      <TextField
        id={`${id}-sms`}
        label="短信验证码"
        placeholder="6位数字"
        type="number"
        maxlength={6}
        value={value}
        onInput={onInput}
      >
        <SmsCodeButton id={`${id}-send-code`} send={sendCode} disabled={disabled} />
      </TextField>
    </>
  );
}
