import { z } from 'zod';
import { documentNoSchema, phoneSchema, smsCodeSchema } from '../schemas';
import {
  DOCUMENT_TYPES,
  EDUCATION_LEVELS,
  ETHNICITIES,
  TICKET_STATUSES,
  type ApplicationState,
  type DocumentType,
  type EducationLevel,
  type PhotoState,
  type TicketStatus,
} from '../domain';
import { isValidChineseName } from '../validators';

/** Request bodies of the accounts API, shared by the server (validation) and the clients (forms). */
const captcha = {
  captchaId: z.string().max(64).optional(),
  captchaAnswer: z.string().max(16).optional(),
};
const password = z.string({ error: '请输入密码' }).min(1, '请输入密码').max(64, '密码不能超过64位');

export const ticketLookupBody = z.object({
  idCardNo: documentNoSchema,
  captchaId: z.string({ error: '请获取图片验证码' }).max(64),
  captchaAnswer: z.string({ error: '请输入图片验证码' }).max(16),
});

/** 找回准考证's answer: every ticket under the ID number, a non-active one marked by its status. */
export interface TicketLookupAnswer {
  tickets: Array<{
    ticketNo: string;
    majorName: string;
    majorLevel: string;
    status: TicketStatus;
    /** 已毕业, 已转出, …: what the lookup shows next to the number. */
    statusName: string;
    ticketToken: string;
  }>;
}

export const passwordLoginBody = z.object({
  account: z.string().trim().max(18).optional(),
  ticketToken: z.string().max(1024).optional(),
  password,
  wechatToken: z.string().max(1024).optional(),
  ...captcha,
});

export const refreshBody = z.object({ refreshToken: z.string().max(1024) });
export const wechatCodeBody = z.object({ code: z.string({ error: '缺少微信授权码' }).min(1).max(256) });
export const phoneCodeBody = z.object({ phone: phoneSchema, ...captcha });
export const captchaOnlyBody = z.object(captcha);
/** `phone` may be left out by a candidate with a phone on file: the code goes to (and binds) that one. */
export const bindPhoneBody = z.object({ phone: phoneSchema.optional(), smsCode: smsCodeSchema });
export const unbindPhoneBody = z.object({ smsCode: smsCodeSchema });
export const changePasswordBody = z.object({ oldPassword: password, newPassword: password });
export const resetPasswordCodeBody = z.object({ idCardNo: documentNoSchema, phone: phoneSchema, ...captcha });
export const resetPasswordBody = z.object({
  idCardNo: documentNoSchema,
  phone: phoneSchema,
  smsCode: smsCodeSchema,
  newPassword: password,
});

export const officialLoginBody = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(32),
  password,
  /** Required once the official has turned on the authenticator app (TOTP_REQUIRED otherwise). */
  totpCode: z.string().trim().max(8).optional(),
  ...captcha,
});

export const reasonBody = z.object({
  reason: z.string({ error: '请填写原因' }).trim().min(2, '请填写原因').max(200, '原因不能超过200字'),
});

/** An official changes a ticket's status (已毕业, 已转出, 已注销, or back to 有效), with a reason. */
export const ticketStatusBody = reasonBody.extend({
  status: z.enum(TICKET_STATUSES, { error: '请选择准考证状态（有效、已毕业、已转出或已注销）' }),
});

export const chineseName = z.string({ error: '请输入姓名' }).trim().refine(isValidChineseName, '姓名须为2至20个汉字');

/** 新生注册 */
export const registrationBody = z.object({
  /** 证件类型 (seed 002); a 居民身份证 when not given. */
  documentType: z.enum(DOCUMENT_TYPES, { error: '请选择证件类型' }).default('resident_id'),
  /** 证件号码, checked by the type's own rule (validateDocument) when the form is taken. */
  idCardNo: z.string({ error: '请输入证件号码' }).trim().min(1, '请输入证件号码').max(18, '证件号码不能超过18位'),
  /** For a document that carries no birth date (通行证, 护照): entered on the form. */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '出生日期格式为YYYY-MM-DD')
    .optional(),
  name: chineseName,
  gender: z.enum(['M', 'F']).optional(),
  phone: phoneSchema,
  smsCode: smsCodeSchema,
  majorCode: z.string({ error: '请选择专业' }).trim().min(1, '请选择专业').max(16),
  countyCode: z.string({ error: '请选择报考县（市、区）' }).regex(/^\d{6}$/, '请选择报考县（市、区）'),
  password,
  photoId: z.string({ error: '请上传照片' }).uuid('请上传照片'),
  ethnicity: z.enum(ETHNICITIES, { error: '请选择民族' }),
  education: z.enum(EDUCATION_LEVELS, { error: '请选择文化程度' }),
  /** The ID card's image (居民身份证人像面), uploaded like an application's proof. */
  idCardImageId: z.string({ error: '请上传证件图片' }).uuid('请上传证件图片'),
  /** 《考生须知》 and the service terms, read and accepted before the form (seed 003). */
  termsAccepted: z.literal(true, { error: '请先阅读并同意《考生须知》和服务条款' }),
});

/** Correcting a rejected application: the ID number stays; a new phone needs a new SMS code; 须知 again accepted. */
export const registrationUpdateBody = registrationBody.omit({ idCardNo: true, documentType: true }).extend({
  smsCode: smsCodeSchema.optional(),
  /** Left out: the ID-card image on file stays. */
  idCardImageId: z.string().uuid('请上传证件图片').optional(),
});

export const registrationAccessBody = z.object({
  idCardNo: documentNoSchema,
  phone: phoneSchema,
  smsCode: smsCodeSchema,
});

export const registrationListQuery = z.object({
  state: z.enum(['submitted', 'approved', 'rejected', 'withdrawn']).optional(),
});

/** Another photo after a 不合格 verdict. */
export const replacePhotoBody = z.object({ photoId: z.string({ error: '请上传照片' }).uuid('请上传照片') });

/** An office's verdict on a registration's photo; a rejection says why. */
export const photoVerdictBody = z
  .object({
    verdict: z.enum(['approved', 'rejected'], { error: '请选择照片是否合格' }),
    reason: z.string().trim().max(200, '原因不能超过200字').optional(),
  })
  .refine((v) => v.verdict === 'approved' || (v.reason?.length ?? 0) >= 2, {
    path: ['reason'],
    message: '请填写照片不合格的原因',
  });

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为完整的日期和时间` });

/** A registration window, set by the province: per exam period or standing, with the offices' review deadline. */
export const registrationWindowBody = z
  .object({
    periodId: z.number().int().positive('考次不正确').nullable().default(null),
    opensAt: instant('注册开始时间'),
    closesAt: instant('注册结束时间'),
    reviewClosesAt: instant('审核截止时间'),
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    path: ['closesAt'],
    message: '注册结束时间须晚于开始时间',
  })
  .refine((w) => Date.parse(w.reviewClosesAt) >= Date.parse(w.closesAt), {
    path: ['reviewClosesAt'],
    message: '审核截止时间不能早于注册结束时间',
  });
export type RegistrationWindowInput = z.infer<typeof registrationWindowBody>;

export interface RegistrationWindowView {
  id: number;
  periodId: number | null;
  opensAt: string;
  closesAt: string;
  reviewClosesAt: string;
}

/** GET /api/registrations/window: the window open now or next, for the form's first screen. */
export interface RegistrationWindowAnswer {
  openNow: boolean;
  window: RegistrationWindowView | null;
}

/** A 新生注册 application as its applicant and the reviewing office see it (personal data masked). */
export interface RegistrationView {
  applicationId: number;
  /** `withdrawn` once the review deadline passed while unreviewed or rejected. */
  state: ApplicationState;
  name: string;
  gender: 'M' | 'F';
  documentType: DocumentType;
  documentTypeName: string;
  idCardNoMasked: string;
  /** 报考新专业: the applicant already holds a ticket; approval adds one to their record, password unchanged. */
  newMajor: boolean;
  phoneMasked: string | null;
  major: { code: string; name: string } | null;
  county: { code: string; name: string } | null;
  ethnicity: string | null;
  education: EducationLevel | null;
  educationName: string | null;
  hasIdCardImage: boolean;
  termsAcceptedAt: string | null;
  rejectReason: string | null;
  ticketNo: string | null;
  submittedAt: string;
  /** Until then the office reviews; null for applications made before windows existed. */
  reviewClosesAt: string | null;
  photo: {
    state: PhotoState;
    stateName: string;
    rejectReason: string | null;
    rejections: number;
  };
  /** After 3 rejected photos (seed 003): have the photo taken at the county office instead. */
  offlineCapture: { officeName: string; officeAddress: string | null } | null;
}

export const quotaCapacityBody = z.object({
  capacity: z.number({ error: '请输入考位数' }).int('考位数须为整数').min(0, '考位数不能为负数').max(100_000),
});

// ---- Enrolled candidates (issue #13): first login with a phone on file, recent bindings, details edits ----

/** 绑定手机's code: a candidate with a phone on file may leave `phone` out (the code goes to that phone). */
export const bindPhoneCodeBody = z.object({ phone: phoneSchema.optional(), ...captcha });

/** What a candidate must do before booking: bind a phone, then change the initial password. */
export type CandidateNextStep = 'bind_phone' | 'change_password' | null;

/** GET /api/accounts/me (and `candidate` of every login): the candidate as their own screens show them. */
export interface CandidateProfile {
  name: string;
  gender: 'M' | 'F';
  idCardNoMasked: string;
  phoneMasked: string | null;
  /**
   * While the first login still has to bind a phone and the old system gave one (`138****1234`): only that
   * phone can be bound, so the bind page shows it locked. Null otherwise.
   */
  phoneOnFileMasked: string | null;
  wechatLinked: boolean;
  ticket: { ticketNo: string; majorName: string; majorLevel: string } | null;
  tickets: Array<{ ticketNo: string; majorName: string }>;
  nextStep: CandidateNextStep;
}

/**
 * 重置密码 by an official; the candidate whose phone changed since the old system also gets the phone on
 * file replaced (a number) or cleared (null); left out, it stays.
 */
export const resetCandidatePasswordBody = reasonBody.extend({
  phoneOnFile: phoneSchema.nullable().optional(),
});

/** 近期绑定手机: a phone bound in the last days, which the district's officials may undo. */
export interface RecentPhoneBinding {
  candidateId: number;
  name: string;
  idCardMasked: string;
  phoneMasked: string;
  boundAt: string;
  ticketNos: string[];
  /** The phone the old system had was bound (the safe case). */
  matchesPhoneOnFile: boolean;
}

/** The list with its window: bindings made in the last `days` days. */
export interface RecentPhoneBindings {
  days: number;
  items: RecentPhoneBinding[];
  total: number;
  page: number;
  pageSize: number;
}

const optionalDetail = (label: string) =>
  z
    .string()
    .trim()
    .max(16, `${label}不能超过16个字`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/**
 * 修改考生信息: every field optional (only what is sent changes), a reason always. A new document number
 * (`documentNo`) is the provincial office's alone and is checked against `documentType` (or the current type).
 */
export const candidateEditBody = reasonBody.extend({
  name: chineseName.optional(),
  gender: z.enum(['M', 'F'], { error: '请选择性别' }).optional(),
  ethnicity: optionalDetail('民族'),
  education: optionalDetail('学历'),
  documentType: z.enum(DOCUMENT_TYPES, { error: '请选择证件类型' }).optional(),
  documentNo: z.string().trim().min(1, '请输入证件号码').max(32, '证件号码不能超过32位').optional(),
});
export type CandidateEditInput = z.infer<typeof candidateEditBody>;

/** The editable details as the admin's candidate detail shows them (the number masked). */
export interface CandidateDetails {
  documentType: DocumentType;
  documentTypeName: string;
  ethnicity: string | null;
  education: string | null;
  /** The old system's phone, masked; null when none came or it was cleared. */
  phoneOnFileMasked: string | null;
}

/** The answer of 修改考生信息: the fields that changed (empty when nothing did). */
export interface CandidateEditAnswer {
  changed: string[];
}
