import { maskPhone } from '@kaowei/shared';
import type { Candidate } from '../accounts/models';
import type { SendCodeRequest } from '../accounts/sms/smsCodes';
import type { BookingDeps } from './deps';

export type CaptchaFields = Pick<SendCodeRequest, 'captchaId' | 'captchaAnswer'>;

/**
 * Sends the 保存考位 code to the candidate's bound phone (holding, and replacing a course). Like every
 * SMS it takes the image captcha once the address has sent many (a school or county office shares one).
 */
export async function sendHoldCode(deps: BookingDeps, candidate: Candidate, captcha: CaptchaFields, ip: string) {
  const sent = await deps.smsCodes.send({
    phone: candidate.phone!,
    purpose: 'hold_seats',
    ip,
    captchaId: captcha.captchaId,
    captchaAnswer: captcha.captchaAnswer,
  });
  return { phoneMasked: maskPhone(candidate.phone!), ...sent };
}
