import { formatBeijing, type RegistrationWindowAnswer } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';

/** 《考生须知》 (seed 003's wording), read before the form. */
const NOTICE = [
  '考生注册时，必须正确输入本人有效证件号码和本人手机号码。一个手机号只允许注册一个账号，手机号码用于注册及密码找回时接收验证码和重要考试信息。',
  '填报时请务必填写真实、准确的个人信息，并上传清晰、符合要求的身份证件图片和本人近期免冠正面证件照。',
  '照片由考区审核，考生请及时查看“照片状态”和“审核状态”。照片三次审核不合格的，可携带本人有效身份证件前往考区现场采集。',
  '考区审核未通过的，请按不通过原因修改后重新提交；审核截止时间前仍未通过审核的注册申请视为放弃，请在下次注册时间内重新注册。',
  '如证件号码已被占用，请核对是否已注册；确认非本人注册的，请携带有效身份证件前往考区处理。',
];

/** 服务条款和隐私保护: what is collected and why (also shown by WeChat's privacy popup in the mini-program). */
const TERMS = [
  '本平台仅为办理自学考试注册、报考和考籍管理收集您的姓名、证件号码、手机号码、民族、文化程度、证件照和证件图片。',
  '证件号码、手机号码在页面、日志和导出中均作遮挡处理；照片和证件图片仅供本辖区考办审核使用。',
  '您提交的信息经考区审核通过后即为考籍信息，如需变更须按规定提出信息变更申请。',
];

function windowLine(answer: RegistrationWindowAnswer): string {
  const w = answer.window;
  if (!w) return '新生注册暂未开放，请留意省教育考试院公告。';
  const span = `注册时间：${formatBeijing(new Date(w.opensAt))} 至 ${formatBeijing(new Date(w.closesAt))}`;
  const review = `考区审核截止：${formatBeijing(new Date(w.reviewClosesAt))}`;
  return answer.openNow ? `${span}；${review}` : `当前不在新生注册时间内（${span}）`;
}

/** 须知 step: the window's times, 考生须知 and the service terms, accepted with a tick before the form. */
export function RegistrationNotice({ window, onAccept }: { window: RegistrationWindowAnswer; onAccept: () => void }) {
  const [agreed, setAgreed] = useState(false);
  return (
    <View className="card" id="reg-notice">
      <View className="card-title">考生须知</View>
      <View className={`hint reg-window ${window.openNow ? '' : 'error-text'}`} id="reg-window">
        {windowLine(window)}
      </View>
      {NOTICE.map((line, i) => (
        <View className="reg-notice-line" key={i}>
          {i + 1}. {line}
        </View>
      ))}
      <View className="card-title reg-terms-title">服务条款与隐私保护</View>
      {TERMS.map((line, i) => (
        <View className="reg-notice-line" key={i}>
          {line}
        </View>
      ))}
      <View className="reg-agree" id="reg-agree" onClick={() => setAgreed(!agreed)}>
        <View className={`reg-tick ${agreed ? 'reg-tick-on' : ''}`}>{agreed ? '✓' : ''}</View>
        我已阅读并同意《考生须知》《服务条款》和《隐私保护指引》
      </View>
      <Button
        className="btn-primary"
        id="reg-agree-continue"
        disabled={!agreed || !window.openNow || undefined}
        onClick={onAccept}
      >
        同意并继续
      </Button>
    </View>
  );
}
