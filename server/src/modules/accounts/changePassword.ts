import { createHash, timingSafeEqual } from 'node:crypto';
import { idCardTail, passwordProblem } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { AccountsDeps } from './deps';
import type { Candidate } from './models';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether `password` is the candidate's current one: migrated candidates start with their ID tail (seed 004). */
export async function isCurrentPassword(deps: AccountsDeps, candidate: Candidate, password: string): Promise<boolean> {
  if (candidate.passwordHash) return verifyPassword(candidate.passwordHash, password);
  const initial = idCardTail(deps.vault.decrypt(candidate.idCardCipher));
  return timingSafeEqual(digest(initial), digest(password.trim().toUpperCase()));
}

/** Sets a new password that meets the rule; every token issued before stops working. */
export async function setPassword(deps: AccountsDeps, candidate: Candidate, newPassword: string): Promise<void> {
  const problem = passwordProblem(newPassword, deps.vault.decrypt(candidate.idCardCipher));
  if (problem) throw new AppError('PASSWORD_TOO_WEAK', { reason: problem });
  await candidate.update({
    passwordHash: await hashPassword(newPassword),
    mustChangePassword: false,
    tokenVersion: candidate.tokenVersion + 1,
  });
}

/** 修改密码: needs the old one, and a bound phone first (first-login order); then log in again. */
export async function changePassword(
  deps: AccountsDeps,
  candidate: Candidate,
  input: { oldPassword: string; newPassword: string },
) {
  if (!candidate.phone) throw new AppError('PHONE_BIND_REQUIRED');
  if (!(await isCurrentPassword(deps, candidate, input.oldPassword))) throw new AppError('OLD_PASSWORD_WRONG');
  await setPassword(deps, candidate, input.newPassword);
  return { reloginRequired: true };
}
