import { maskPhone } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import { AppError } from '../../http/errors';
import type { AccountsDeps } from './deps';
import type { Candidate } from './models';
import { nextStep } from './candidateRepository';
import { wechatFailure } from './wechatLogin';

async function ensurePhoneFree(deps: AccountsDeps, candidate: Candidate, phone: string): Promise<void> {
  const holder = await deps.db.models.Candidate.findOne({ where: { phone } });
  if (holder && holder.id !== candidate.id) throw new AppError('PHONE_ALREADY_BOUND');
}

/** Sends the bind code, after checking the phone is not someone else's (one phone, one candidate). */
export async function sendBindPhoneCode(
  deps: AccountsDeps,
  candidate: Candidate,
  input: { phone: string; captchaId?: string; captchaAnswer?: string },
  ip: string,
) {
  await ensurePhoneFree(deps, candidate, input.phone);
  return deps.smsCodes.send({ ...input, purpose: 'bind_phone', ip });
}

async function bind(deps: AccountsDeps, candidate: Candidate, phone: string) {
  try {
    await candidate.update({ phone, phoneBoundAt: new Date() });
  } catch (error) {
    // Two candidates racing for one number: the unique key decides.
    if (error instanceof UniqueConstraintError) throw new AppError('PHONE_ALREADY_BOUND');
    throw error;
  }
  return { phoneMasked: maskPhone(phone), nextStep: nextStep(candidate) };
}

export async function bindPhone(deps: AccountsDeps, candidate: Candidate, input: { phone: string; smsCode: string }) {
  await ensurePhoneFree(deps, candidate, input.phone);
  await deps.smsCodes.consume(input.phone, 'bind_phone', input.smsCode);
  return bind(deps, candidate, input.phone);
}

/** Binds the number WeChat vouches for (getPhoneNumber), no SMS needed. */
export async function bindPhoneWithWechat(deps: AccountsDeps, candidate: Candidate, code: string) {
  let phone: { purePhoneNumber: string; countryCode: string };
  try {
    phone = await deps.wechat.phoneNumber(code);
  } catch (error) {
    throw wechatFailure(error);
  }
  if (phone.countryCode !== '86') throw new AppError('PHONE_NOT_MAINLAND');
  await ensurePhoneFree(deps, candidate, phone.purePhoneNumber);
  return bind(deps, candidate, phone.purePhoneNumber);
}
