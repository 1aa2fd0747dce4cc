import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  ETHNICITIES,
  isValidChineseName,
  isValidPhone,
  isValidSmsCode,
  validateDocument,
  type DocumentType,
  type EducationLevel,
  type RegistrationWindowAnswer,
} from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { OptionSheet } from '../../components/OptionSheet';
import { PageState } from '../../components/PageState';
import { NewPasswordFields, newPasswordProblem } from '../../components/NewPasswordFields';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker';
import { PrivacyConsent } from '../../components/PrivacyConsent';
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
import { RegistrationNotice } from './RegistrationNotice';
import { RegistrationPreview } from './RegistrationPreview';
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
  window: RegistrationWindowAnswer;
}

const STATUS_PAGE = '/pages/register-status/index';

function RegisterForm({ majors, cities, application, window }: FormData) {
  const editing = application !== null;
  // 须知 first (seed 003), then the form, then a preview before anything is sent; a correction skips 须知.
  const [step, setStep] = useState<'notice' | 'form' | 'preview'>(editing ? 'form' : 'notice');
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
  const [idCardImage, setIdCardImage] = useState<UploadedPhoto | null>(null);
  const [ethnicity, setEthnicity] = useState(application?.ethnicity ?? '');
  const [education, setEducation] = useState(application?.education ?? '');
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
    if (!ethnicity) return '请选择民族';
    if (!education) return '请选择文化程度';
    if (!photo) return '请上传证件照';
    if (!editing && !idCardImage) return '请上传证件图片';
    return null;
  };

  const toPreview = () => {
    const found = problem();
    if (found) return setError(found);
    setError('');
    setStep('preview');
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };

  const submit = () => {
    const details = {
      name: name.trim(),
      majorCode,
      countyCode,
      password,
      photoId: photo!.photoId,
      ethnicity,
      education,
      termsAccepted: true,
      ...(idCardImage ? { idCardImageId: idCardImage.photoId } : {}),
    };
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

  if (step === 'notice') return <RegistrationNotice window={window} onAccept={() => setStep('form')} />;
  if (step === 'preview') {
    const major = majors.find((m) => m.code === majorCode);
    const county = counties.find((c) => c.code === countyCode);
    return (
      <RegistrationPreview
        rows={[
          ['证件类型', editing ? application.documentTypeName : DOCUMENT_TYPE_LABELS[documentType]],
          ['证件号码', editing ? application.idCardNoMasked : id.ok ? id.documentNo : idCardNo],
          ['姓名', name.trim()],
          ['民族', ethnicity],
          ['文化程度', EDUCATION_LABELS[education as EducationLevel]],
          ['手机号码', phone],
          ['报考专业', major ? `${major.name}（${major.level}）` : majorCode],
          ['报考县（市、区）', county?.name ?? countyCode],
        ]}
        images={[photo!, ...(idCardImage ? [idCardImage] : [])]}
        busy={busy}
        error={error}
        onBack={() => {
          setError('');
          setStep('form');
        }}
        onConfirm={submit}
        confirmLabel={editing ? '确认并重新提交' : '确认提交'}
      />
    );
  }

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
        <OptionSheet
          id="reg-ethnicity"
          label="民族"
          placeholder="请选择民族"
          options={ETHNICITIES.map((e) => ({ value: e, label: e }))}
          value={ethnicity}
          onChange={setEthnicity}
        />
        <OptionSheet
          id="reg-education"
          label="文化程度"
          placeholder="请选择文化程度"
          options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))}
          value={education}
          onChange={setEducation}
        />
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
        <PhotoPicker
          kind="idCard"
          value={idCardImage}
          onChange={setIdCardImage}
          registrationToken={editing ? registrationToken.get() : null}
        />
        {editing && <View className="hint">证件图片不更换时可不上传。</View>}
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
        <Button className="btn-primary" id="reg-submit" onClick={toPreview}>
          下一步：预览信息
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
    const [{ majors }, { cities }, application, window] = await Promise.all([
      request<{ majors: Major[] }>('/api/catalog/majors', { anonymous: true, quiet: true }),
      request<{ cities: City[] }>('/api/catalog/cities', { anonymous: true, quiet: true }),
      editing ? registrationRequest<ApplicationView>('/api/registrations/mine', { quiet: true }) : null,
      request<RegistrationWindowAnswer>('/api/registrations/window', { anonymous: true, quiet: true }),
    ]);
    return { majors, cities, application, window };
  }, [editing]);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(data) => <RegisterForm {...data} />}
      </PageState>
      <PrivacyConsent />
    </View>
  );
}
