import { createHash, timingSafeEqual } from 'node:crypto';
import { initialPassword, passwordProblem } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../lib/passwords';
import type { AccountsDeps } from './deps';
import { candidateAccountKey } from './loginGuard';
import type { Candidate } from './models';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether `password` is the candidate's current one: migrated candidates start with the initial password
 * of their document (initialPassword: the last 6 characters of the number, seed 004), for every type. Every answer costs one argon2 verification, so the time taken does not tell a
 * candidate with the initial password from one with their own or from an unknown account.
 */
export async function isCurrentPassword(deps: AccountsDeps, candidate: Candidate, password: string): Promise<boolean> {
  if (candidate.passwordHash) return verifyPassword(candidate.passwordHash, password);
  await verifyAgainstDecoy(password);
  const initial = initialPassword(candidate.documentType, deps.vault.decrypt(candidate.idCardCipher));
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

/**
 * 修改密码: needs the old one, and a bound phone first (first-login order); then log in again. The old
 * password is guessed like a login (a stolen session), so it counts against the login lockout.
 */
export async function changePassword(
  deps: AccountsDeps,
  candidate: Candidate,
  input: { oldPassword: string; newPassword: string },
  ip: string,
  now = new Date(),
) {
  if (!candidate.phone) throw new AppError('PHONE_BIND_REQUIRED');
  const attempt = { accountKey: candidateAccountKey(candidate.id), ip };
  // The form shows no captcha: the lock is the brake here.
  await deps.loginGuard.before(attempt, now, { captcha: false });
  if (!(await isCurrentPassword(deps, candidate, input.oldPassword))) {
    const failure = await deps.loginGuard.failed(attempt, now);
    throw failure.code === 'LOGIN_FAILED' ? new AppError('OLD_PASSWORD_WRONG') : failure;
  }
  await deps.loginGuard.succeeded(attempt);
  await setPassword(deps, candidate, input.newPassword);
  return { reloginRequired: true };
}
