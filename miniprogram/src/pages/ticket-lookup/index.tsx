import { isValidIdCardNo } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CaptchaField, type CaptchaValue } from '../../components/CaptchaField';
import { TextField } from '../../components/TextField';
import { LOGIN } from '../../components/accountSession';
import { ApiError, request } from '../../services/request';
import { offerTicketChoice, type TicketChoice } from '../login/ticketChoice';
import './index.css';

/** 找回准考证号: ID number + captcha → the candidate's tickets (masked); tapping one fills the login form. */
export default function TicketLookupPage() {
  const [idCardNo, setIdCardNo] = useState('');
  const [captcha, setCaptcha] = useState<CaptchaValue>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const [tickets, setTickets] = useState<TicketChoice[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const lookUp = async () => {
    if (!isValidIdCardNo(idCardNo)) return setError('请输入正确的18位身份证号码');
    if (!captcha.captchaAnswer) return setError('请输入图片验证码');
    setBusy(true);
    setError('');
    try {
      const answer = await request<{ tickets: TicketChoice[] }>('/api/accounts/ticket-lookup', {
        method: 'POST',
        data: { idCardNo: idCardNo.trim().toUpperCase(), ...captcha },
        anonymous: true,
        quiet: true,
      });
      setTickets(answer.tickets);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '查询失败，请重试');
    } finally {
      setBusy(false);
      setRefreshKey((k) => k + 1);
    }
  };

  const pick = (ticket: TicketChoice) => {
    offerTicketChoice(ticket);
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: LOGIN });
  };

  return (
    <View className="page">
      <View className="card">
        <TextField
          id="lookup-id"
          label="身份证号码"
          placeholder="请输入18位身份证号码"
          type="idcard"
          maxlength={18}
          value={idCardNo}
          onInput={setIdCardNo}
        />
        <CaptchaField onChange={setCaptcha} refreshKey={refreshKey} />
        {error && <View className="error-text">{error}</View>}
        <Button className="btn-primary" id="lookup-submit" disabled={busy || undefined} onClick={lookUp}>
          {busy ? '查询中…' : '查询准考证号'}
        </Button>
      </View>
      {tickets && tickets.length === 0 && (
        <View className="card hint lookup-empty">未查询到该身份证号码下的准考证。新考生请先进行新生注册。</View>
      )}
      {tickets && tickets.length > 0 && (
        <View className="card">
          <View className="card-title">请选择要登录的准考证</View>
          {tickets.map((t) => (
            <View key={t.ticketToken} className="lookup-ticket" onClick={() => pick(t)}>
              <View className="lookup-ticket-no">{t.ticketNoMasked}</View>
              <View className="hint">
                {t.majorName}（{t.majorLevel}）
              </View>
              <View className="link lookup-ticket-action">用此准考证登录 ›</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
