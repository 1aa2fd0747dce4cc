import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  isValidChineseName,
  isValidPhone,
  isValidSmsCode,
  validateDocument,
  type DocumentType,
} from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { OptionSheet } from '../../components/OptionSheet';
import { PageState } from '../../components/PageState';
import { NewPasswordFields, newPasswordProblem } from '../../components/NewPasswordFields';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker';
import type { CaptchaValue } from '../../components/CaptchaField';
import { SmsCodeField } from '../../components/SmsCodeField';
import { TextField } from '../../components/TextField';
import { refuse } from '../../components/formErrors';
import {
  registrationRequest,
  registrationToken,
  sendRegistrationCode,
  type ApplicationView,
} from '../../components/registrationAccess';
import { useFormAction } from '../../components/useFormAction';
import { useLoadOnShow } from '../../components/useLoad';
import { request } from '../../services/request';
import './index.css';

interface Major {
  code: string;
  name: string;
  level: string;
}
interface City {
  code: string;
  name: string;
  counties: Array<{ code: string; name: string }>;
}
interface FormData {
  majors: Major[];
  cities: City[];
  /** Set when correcting a rejected application. */
  application: ApplicationView | null;
}

const STATUS_PAGE = '/pages/register-status/index';

function RegisterForm({ majors, cities, application }: FormData) {
  const editing = application !== null;
  const initialCity = cities.find((c) => c.counties.some((county) => county.code === application?.county?.code));
  const [documentType, setDocumentType] = useState<DocumentType>('resident_id');
  const [idCardNo, setIdCardNo] = useState('');
  // Entered only for documents that carry neither (通行证, 护照).
  const [gender, setGender] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [name, setName] = useState(application?.name ?? '');
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [majorCode, setMajorCode] = useState(application?.major?.code ?? '');
  const [cityCode, setCityCode] = useState(initialCity?.code ?? '');
  const [countyCode, setCountyCode] = useState(application?.county?.code ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [photo, setPhoto] = useState<UploadedPhoto | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const id = useMemo(() => validateDocument(documentType, idCardNo), [documentType, idCardNo]);
  const documentName = documentType === 'resident_id' ? '身份证' : DOCUMENT_TYPE_LABELS[documentType];
  // 居民身份证 and 居住证 numbers give gender and birth date; other documents have them entered.
  const asksPersonalDates = !editing && !(documentType === 'resident_id' || documentType === 'hmt_residence_permit');
  const counties = cities.find((c) => c.code === cityCode)?.counties ?? [];

  const sendCode = (captcha: CaptchaValue) => {
    if (!isValidPhone(phone)) refuse(setError, '请输入11位手机号码');
    setError('');
    return sendRegistrationCode(phone, captcha);
  };

  const problem = (): string | null => {
    if (!editing && !id.ok) return `${documentName}号码不正确：${id.reason}`;
    if (asksPersonalDates && !gender) return '请选择性别';
    if (asksPersonalDates && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return '请按“1995-04-02”的格式填写出生日期';
    if (!isValidChineseName(name)) return '姓名须为2至20个汉字';
    if (!isValidPhone(phone)) return '请输入11位手机号码';
    // When correcting, only a new number needs a new code (the server compares it with the one on file).
    if ((!editing || smsCode) && !isValidSmsCode(smsCode)) return '请输入6位短信验证码';
    if (!majorCode) return '请选择报考专业';
    if (!countyCode) return '请选择报考县（市、区）';
    const weak = newPasswordProblem('登录密码', password, repeat, editing ? undefined : idCardNo);
    if (weak) return weak;
    if (!photo) return '请上传证件照';
    return null;
  };

  const submit = () => {
    const found = problem();
    if (found) return setError(found);
    const details = { name: name.trim(), majorCode, countyCode, password, photoId: photo!.photoId };
    void run(async () => {
      if (editing) {
        await registrationRequest<ApplicationView>('/api/registrations/mine', {
          method: 'PUT',
          quiet: true,
          data: { ...details, phone, smsCode: smsCode || undefined },
        });
      } else {
        const answer = await request<ApplicationView & { registrationToken: string }>('/api/registrations', {
          method: 'POST',
          data: {
            ...details,
            documentType,
            idCardNo: id.ok ? id.documentNo : idCardNo,
            ...(asksPersonalDates ? { gender, birthDate } : {}),
            phone,
            smsCode,
          },
          anonymous: true,
          quiet: true,
        });
        registrationToken.save(answer.registrationToken);
      }
      void Taro.redirectTo({ url: STATUS_PAGE });
    }, '提交失败，请重试');
  };

  return (
    <>
      <View className="card">
        <View className="card-title">{editing ? '修改注册信息' : '基本信息'}</View>
        {editing ? (
          <View className="field">
            <View className="field-label">{application.documentTypeName}号码</View>
            <View className="field-input">{application.idCardNoMasked}</View>
          </View>
        ) : (
          <>
            <OptionSheet
              id="reg-doc-type"
              label="证件类型"
              placeholder="请选择证件类型"
              options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
              value={documentType}
              onChange={(type) => setDocumentType(type as DocumentType)}
            />
            <TextField
              id="reg-id"
              label="证件号码"
              placeholder={documentType === 'resident_id' ? '本人18位身份证号码' : `本人${documentName}号码`}
              type={documentType === 'resident_id' || documentType === 'hmt_residence_permit' ? 'idcard' : 'text'}
              maxlength={18}
              value={idCardNo}
              onInput={setIdCardNo}
            />
          </>
        )}
        {!editing && id.ok && id.gender && (
          <View className="hint reg-derived">
            性别：{id.gender === 'M' ? '男' : '女'}，出生日期：{id.birthDate}
          </View>
        )}
        {asksPersonalDates && (
          <>
            <OptionSheet
              id="reg-gender"
              label="性别"
              placeholder="请选择性别"
              options={[
                { value: 'M', label: '男' },
                { value: 'F', label: '女' },
              ]}
              value={gender}
              onChange={setGender}
            />
            <TextField
              id="reg-birth"
              label="出生日期"
              placeholder="如 1995-04-02"
              maxlength={10}
              value={birthDate}
              onInput={setBirthDate}
            />
          </>
        )}
        <TextField id="reg-name" label="姓名" placeholder="与证件一致" maxlength={20} value={name} onInput={setName} />
        <TextField
          id="reg-phone"
          label="手机号码"
          placeholder={editing ? `原手机号 ${application.phoneMasked ?? ''}` : '本人手机号码'}
          type="number"
          maxlength={11}
          value={phone}
          onInput={setPhone}
        />
        <SmsCodeField id="reg" value={smsCode} onInput={setSmsCode} send={sendCode} />
      </View>
      <View className="card">
        <View className="card-title">报考信息</View>
        <OptionSheet
          id="reg-major"
          label="报考专业"
          placeholder="请选择专业"
          options={majors.map((m) => ({ value: m.code, label: `${m.name}（${m.level}）` }))}
          value={majorCode}
          onChange={setMajorCode}
        />
        <OptionSheet
          id="reg-city"
          label="市（州）"
          placeholder="请选择市（州）"
          options={cities.map((c) => ({ value: c.code, label: c.name }))}
          value={cityCode}
          onChange={(code) => {
            setCityCode(code);
            setCountyCode('');
          }}
        />
        <OptionSheet
          id="reg-county"
          label="县（市、区）"
          placeholder={cityCode ? '请选择县（市、区）' : '请先选择市（州）'}
          options={counties.map((c) => ({ value: c.code, label: c.name }))}
          value={countyCode}
          onChange={setCountyCode}
          disabled={!cityCode}
        />
      </View>
      <View className="card">
        <View className="card-title">照片与密码</View>
        <PhotoPicker value={photo} onChange={setPhoto} registrationToken={editing ? registrationToken.get() : null} />
        <NewPasswordFields
          id="reg"
          label="登录密码"
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        {editing && <View className="hint">修改时须重新填写手机号码、上传照片并设置密码。</View>}
        {error && <View className="error-text reg-error">{error}</View>}
        <Button className="btn-primary" id="reg-submit" disabled={busy || undefined} onClick={submit}>
          {busy ? '提交中…' : editing ? '重新提交' : '提交注册'}
        </Button>
      </View>
      {!editing && (
        <View className="link reg-status-link" onClick={() => Taro.navigateTo({ url: STATUS_PAGE })}>
          已提交过申请？查询注册进度
        </View>
      )}
    </>
  );
}

/** 新生注册 (and, with ?edit=1, correcting a rejected application). */
export default function RegisterPage() {
  const editing = useRouter().params.edit === '1';
  const load = useCallback(async (): Promise<FormData> => {
    const [{ majors }, { cities }, application] = await Promise.all([
      request<{ majors: Major[] }>('/api/catalog/majors', { anonymous: true, quiet: true }),
      request<{ cities: City[] }>('/api/catalog/cities', { anonymous: true, quiet: true }),
      editing ? registrationRequest<ApplicationView>('/api/registrations/mine', { quiet: true }) : null,
    ]);
    return { majors, cities, application };
  }, [editing]);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(data) => <RegisterForm {...data} />}
      </PageState>
    </View>
  );
}
