import { checkAnyDocumentNo, type TicketLookupAnswer } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CaptchaField } from '../../components/CaptchaField';
import { TextField } from '../../components/TextField';
import { useCaptchaGate } from '../../components/useCaptchaGate';
import { useFormAction } from '../../components/useFormAction';
import { request } from '../../services/request';
import { LOGIN_PAGE } from '../../services/pages';
import { offerTicketChoice, type TicketChoice } from '../login/ticketChoice';
import './index.css';

/** 找回准考证号: ID number + captcha → the candidate's tickets, numbers in full; tapping one fills the login form. */
export default function TicketLookupPage() {
  const [idCardNo, setIdCardNo] = useState('');
  const captcha = useCaptchaGate(true);
  const [tickets, setTickets] = useState<TicketChoice[] | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const lookUp = () => {
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) return setError(`证件号码不正确：${id.reason}`);
    if (!captcha.value.captchaAnswer) return setError('请输入图片验证码');
    void run(
      async () => {
        const answer = await request<TicketLookupAnswer>('/api/accounts/ticket-lookup', {
          method: 'POST',
          data: { idCardNo: id.documentNo, ...captcha.body },
          anonymous: true,
          quiet: true,
        });
        setTickets(answer.tickets);
        captcha.afterAttempt();
      },
      '查询失败，请重试',
      captcha.afterAttempt,
    );
  };

  const pick = (ticket: TicketChoice) => {
    offerTicketChoice(ticket);
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: LOGIN_PAGE });
  };

  return (
    <View className="page">
      <View className="card">
        <TextField
          id="lookup-id"
          label="证件号码"
          placeholder="身份证、居住证、通行证或护照号码"
          type="text"
          maxlength={18}
          value={idCardNo}
          onInput={setIdCardNo}
        />
        <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />
        {error && <View className="error-text">{error}</View>}
        <Button className="btn-primary" id="lookup-submit" disabled={busy || undefined} onClick={lookUp}>
          {busy ? '查询中…' : '查询准考证号'}
        </Button>
      </View>
      {tickets && tickets.length === 0 && (
        <View className="card hint lookup-empty">未查询到该证件号码下的准考证。新考生请先进行新生注册。</View>
      )}
      {tickets && tickets.length > 0 && (
        <View className="card">
          <View className="card-title">请选择要登录的准考证</View>
          {tickets.map((t) =>
            t.status === 'active' ? (
              <View key={t.ticketToken} className="lookup-ticket" onClick={() => pick(t)}>
                <View className="lookup-ticket-no">{t.ticketNo}</View>
                <View className="hint">
                  {t.majorName}（{t.majorLevel}）
                </View>
                <View className="link lookup-ticket-action">用此准考证登录 ›</View>
              </View>
            ) : (
              // Not active: listed, marked, and not offered for login (it would be refused).
              <View key={t.ticketToken} className="lookup-ticket lookup-ticket-inactive">
                <View className="lookup-ticket-no">
                  {t.ticketNo} <View className="lookup-ticket-status">{t.statusName}</View>
                </View>
                <View className="hint">
                  {t.majorName}（{t.majorLevel}）
                </View>
                <View className="hint">
                  该准考证{t.statusName}，不能登录报考或缴费。如有疑问，请联系所在县（市、区）自考办。
                </View>
              </View>
            ),
          )}
        </View>
      )}
    </View>
  );
}
