import { checkAnyDocumentNo, isValidChineseName, type PublicScoresAnswer } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { CaptchaField } from '../../components/CaptchaField';
import { TextField } from '../../components/TextField';
import { useCaptchaGate } from '../../components/useCaptchaGate';
import { useFormAction } from '../../components/useFormAction';
import { ScoreRows } from '../../records/ScoreRows';
import { request } from '../../services/request';

/** 成绩查询 without logging in (seed 001: 姓名 + 身份证号): the latest published period's scores. */
export default function ScoreLookupPage() {
  const [name, setName] = useState('');
  const [idCardNo, setIdCardNo] = useState('');
  const captcha = useCaptchaGate(true);
  const [answer, setAnswer] = useState<PublicScoresAnswer | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const lookUp = () => {
    if (!isValidChineseName(name.trim())) return setError('请输入证件上的姓名');
    const id = checkAnyDocumentNo(idCardNo);
    if (!id.ok) return setError(`证件号码不正确：${id.reason}`);
    if (!captcha.value.captchaAnswer) return setError('请输入图片验证码');
    setAnswer(null);
    void run(
      async () => {
        setAnswer(
          await request<PublicScoresAnswer>('/api/public/scores', {
            method: 'POST',
            data: { name: name.trim(), idCardNo: id.documentNo, ...captcha.body },
            anonymous: true,
            quiet: true,
          }),
        );
        captcha.afterAttempt();
      },
      '查询失败，请重试',
      captcha.afterAttempt,
    );
  };

  return (
    <View className="page score-lookup-page">
      <View className="card">
        <TextField
          id="score-lookup-name"
          label="姓名"
          placeholder="证件上的姓名"
          type="text"
          maxlength={20}
          value={name}
          onInput={setName}
        />
        <TextField
          id="score-lookup-id"
          label="证件号码"
          placeholder="身份证、居住证、通行证或护照号码"
          type="text"
          maxlength={18}
          value={idCardNo}
          onInput={setIdCardNo}
        />
        <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />
        <View className="hint">可查询最近一次已公布考次的成绩；登录后可在“我的 → 成绩查询”查看全部考次</View>
        {error && <View className="error-text">{error}</View>}
        <Button className="btn-primary" id="score-lookup-submit" disabled={busy || undefined} onClick={lookUp}>
          {busy ? '查询中…' : '查询成绩'}
        </Button>
      </View>
      {answer && (
        <View className="card" id="score-lookup-result">
          <View className="card-title">{answer.periodName}</View>
          <View className="hint">
            {answer.name} · 证件号码 {answer.idCardMasked}
          </View>
          <ScoreRows scores={answer.scores} />
        </View>
      )}
    </View>
  );
}
