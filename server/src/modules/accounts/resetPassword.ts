import { AppError } from '../../http/errors';
import { findCandidateByIdCardNo } from './candidateRepository';
import type { AccountsDeps } from './deps';
import { setPassword } from './changePassword';

export interface ResetCodeInput {
  idCardNo: string;
  phone: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/**
 * 忘记密码, step 1: a code goes out only when the phone is the one bound to that ID, but nothing in
 * the answer tells: the same checks and limits (the 60-second wait too) apply to any phone, a phone
 * that does not match gets an unusable decoy code that is never sent, and the real SMS leaves after
 * the answer, so the provider's latency does not show. The captcha, always asked here, is checked
 * once and serves as the per-address captcha as well.
 */
export async function sendResetPasswordCode(deps: AccountsDeps, input: ResetCodeInput, ip: string) {
  await deps.captchas.check(input.captchaId, input.captchaAnswer);
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  const bound = candidate?.phone === input.phone;
  deps.logger.info({ phone: input.phone, bound }, 'password reset code requested');
  return deps.smsCodes.send({
    phone: input.phone,
    purpose: 'reset_password',
    ip,
    captchaChecked: true,
    delivery: bound ? 'background' : 'none',
  });
}

/** Step 2: the code proves the phone; the new password replaces the old and ends every session. */
export async function resetPassword(
  deps: AccountsDeps,
  input: { idCardNo: string; phone: string; smsCode: string; newPassword: string },
) {
  await deps.smsCodes.consume(input.phone, 'reset_password', input.smsCode);
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  // Codes are sent only when ID and phone match; a code for this phone used with another ID is refused.
  if (!candidate || candidate.phone !== input.phone) throw new AppError('SMS_CODE_INVALID');
  await setPassword(deps, candidate, input.newPassword);
  return { reloginRequired: true };
}
