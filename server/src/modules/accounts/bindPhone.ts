import { maskPhone } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import { AppError } from '../../http/errors';
import type { AccountsDeps } from './deps';
import type { Candidate } from './models';
import { nextStep, phoneOnFileToBind } from './candidateRepository';
import { wechatFailure } from './wechatLogin';

async function ensurePhoneFree(deps: AccountsDeps, candidate: Candidate, phone: string): Promise<void> {
  const holder = await deps.db.models.Candidate.findOne({ where: { phone } });
  if (holder && holder.id !== candidate.id) throw new AppError('PHONE_ALREADY_BOUND');
}

/**
 * The number this binding may use. A first login with a phone on file (the old system's) binds exactly
 * that one: anyone who knows an ID number can try the initial password, so the code goes to the phone
 * the candidate registered with, never one the person at the keyboard types. A candidate whose phone
 * changed has the county office reset it (resetCandidatePassword). Otherwise the typed number.
 */
function phoneToBind(candidate: Candidate, typed: string | undefined): string {
  const onFile = phoneOnFileToBind(candidate);
  if (onFile === null) {
    if (!typed) throw new AppError('PHONE_REQUIRED');
    return typed;
  }
  if (typed !== undefined && typed !== onFile) throw new AppError('PHONE_NOT_ON_FILE', { phone: maskPhone(onFile) });
  return onFile;
}

/** Sends the bind code, after checking the phone is not someone else's (one phone, one candidate). */
export async function sendBindPhoneCode(
  deps: AccountsDeps,
  candidate: Candidate,
  input: { phone?: string; captchaId?: string; captchaAnswer?: string },
  ip: string,
) {
  const phone = phoneToBind(candidate, input.phone);
  await ensurePhoneFree(deps, candidate, phone);
  return deps.smsCodes.send({ ...input, phone, purpose: 'bind_phone', ip });
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

export async function bindPhone(deps: AccountsDeps, candidate: Candidate, input: { phone?: string; smsCode: string }) {
  const phone = phoneToBind(candidate, input.phone);
  await ensurePhoneFree(deps, candidate, phone);
  await deps.smsCodes.consume(phone, 'bind_phone', input.smsCode);
  return bind(deps, candidate, phone);
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
  phoneToBind(candidate, phone.purePhoneNumber);
  await ensurePhoneFree(deps, candidate, phone.purePhoneNumber);
  return bind(deps, candidate, phone.purePhoneNumber);
}
