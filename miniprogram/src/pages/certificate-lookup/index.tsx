import { certificateLookupBody, type CertificateLookupAnswer } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { CaptchaField } from '../../components/CaptchaField';
import { TextField } from '../../components/TextField';
import { useCaptchaGate } from '../../components/useCaptchaGate';
import { useFormAction } from '../../components/useFormAction';
import { request } from '../../services/request';
import './index.css';

/** 证书查询 (public, no login): certificate number + holder's name + captcha → the certificate, ID masked. */
export default function CertificateLookupPage() {
  const [certificateNo, setCertificateNo] = useState('');
  const [name, setName] = useState('');
  const captcha = useCaptchaGate(true);
  const [found, setFound] = useState<CertificateLookupAnswer | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const lookUp = () => {
    setFound(null);
    const input = certificateLookupBody.safeParse({ certificateNo, name, ...captcha.body });
    if (!input.success) return setError(input.error.issues[0]?.message ?? '请检查填写的内容');
    if (!captcha.value.captchaAnswer) return setError('请输入图片验证码');
    void run(
      async () => {
        const answer = await request<CertificateLookupAnswer>('/api/public/certificates', {
          method: 'POST',
          data: input.data,
          anonymous: true,
          quiet: true,
        });
        setFound(answer);
        captcha.afterAttempt();
      },
      '查询失败，请重试',
      captcha.afterAttempt,
    );
  };

  const rows: Array<[string, string]> = found
    ? [
        ['证书编号', found.certificateNo],
        ['姓名', found.name],
        ['证件号码', found.idCardNoMasked],
        ['专业', `${found.majorName}（${found.majorLevel}）`],
        ['毕业日期', found.issuedOn],
      ]
    : [];

  return (
    <View className="page">
      <View className="card">
        <TextField
          id="certificate-no"
          label="证书编号"
          placeholder="毕业证书上的证书编号"
          type="text"
          maxlength={32}
          value={certificateNo}
          onInput={setCertificateNo}
        />
        <TextField
          id="certificate-name"
          label="姓名"
          placeholder="证书持有人姓名"
          type="text"
          maxlength={32}
          value={name}
          onInput={setName}
        />
        <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />
        {error && <View className="error-text">{error}</View>}
        <Button className="btn-primary" id="certificate-submit" disabled={busy || undefined} onClick={lookUp}>
          {busy ? '查询中…' : '查询证书'}
        </Button>
      </View>
      {found && (
        <View className="card" id="certificate-result">
          <View className="card-title">证书信息</View>
          {rows.map(([label, value]) => (
            <View key={label} className="certificate-row">
              <View className="certificate-label">{label}</View>
              <View>{value}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
