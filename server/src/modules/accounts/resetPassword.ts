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
 * 忘记密码, step 1: a code goes out only when the phone is the one bound to that ID, but the answer
 * is the same either way, so the form cannot be used to learn who owns a number.
 */
export async function sendResetPasswordCode(deps: AccountsDeps, input: ResetCodeInput, ip: string) {
  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  await deps.captchas.check(input.captchaId, input.captchaAnswer);
  if (candidate?.phone === input.phone) {
    return deps.smsCodes.send({ phone: input.phone, purpose: 'reset_password', ip });
  }
  deps.logger.info({ phone: input.phone }, 'password reset code not sent: ID and phone do not match');
  return { resendAfterSeconds: deps.config.limits.sms.resendSeconds };
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
