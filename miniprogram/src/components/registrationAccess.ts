import type { ApplicationState, DocumentType } from '@kaowei/shared';
import Taro from '@tarojs/taro';
import { request } from '../services/request';
import type { CaptchaValue } from './CaptchaField';

/** What the applicant sees of their registration (GET /api/registrations/mine). */
export interface ApplicationView {
  applicationId: number;
  state: ApplicationState;
  name: string;
  gender: 'M' | 'F' | null;
  /** 证件类型 and its Chinese name (居民身份证 for older applications). */
  documentType: DocumentType;
  documentTypeName: string;
  idCardNoMasked: string;
  /** 报考新专业: already holding a ticket, the approval adds one (password unchanged). */
  newMajor: boolean;
  phoneMasked: string | null;
  major: { code: string; name: string } | null;
  county: { code: string; name: string } | null;
  rejectReason: string | null;
  ticketNo: string | null;
  submittedAt: string;
}

export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  submitted: '待审核',
  approved: '审核通过',
  rejected: '审核未通过',
};

/** A new candidate has no account yet: the registration token (30 days) is their key to the application. */
const KEY = 'kaowei.registration';

export const registrationToken = {
  get(): string | null {
    return (Taro.getStorageSync(KEY) as string) || null;
  },
  save(token: string): void {
    Taro.setStorageSync(KEY, token);
  },
  clear(): void {
    Taro.removeStorageSync(KEY);
  },
};

/** Calls the applicant's API with the registration token instead of a candidate session. */
export function registrationRequest<T>(
  path: string,
  options: { method?: 'GET' | 'PUT'; data?: unknown; quiet?: boolean } = {},
): Promise<T> {
  return request<T>(path, { ...options, anonymous: true, bearer: registrationToken.get() ?? '' });
}

/** The code that proves the applicant's phone, both when registering and when finding the application again. */
export function sendRegistrationCode(phone: string, captcha: CaptchaValue) {
  return request<{ resendAfterSeconds: number }>('/api/registrations/sms-code', {
    method: 'POST',
    data: { phone, ...captcha },
    anonymous: true,
  });
}
