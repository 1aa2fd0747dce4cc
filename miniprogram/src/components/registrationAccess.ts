import type { ApplicationState, RegistrationView } from '@kaowei/shared';
import Taro from '@tarojs/taro';
import { request } from '../services/request';
import type { CaptchaValue } from './CaptchaField';

/** What the applicant sees of their registration (GET /api/registrations/mine). */
export type ApplicationView = RegistrationView;

export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  submitted: '待审核',
  approved: '审核通过',
  rejected: '审核未通过',
  withdrawn: '已放弃（审核截止）',
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
