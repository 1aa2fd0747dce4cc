import { OFFICIAL_ROLE_LABELS } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import { upgradedHash, verifyAgainstDecoy, verifyPassword } from '../../lib/passwords';
import type { AccountsDeps } from '../accounts/deps';
import type { Official } from '../accounts/models';
import { officialAccountKey, type LoginAttempt } from '../accounts/loginGuard';
import { openTotpSecret, totpCodeMatches } from './totp';

export interface OfficialLoginInput {
  username: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
  totpCode?: string;
}

/**
 * Officials sign in with username and password, behind the same lockout and captcha as candidates,
 * plus the authenticator app's code once they have turned TOTP on.
 */
export async function loginOfficial(deps: AccountsDeps, input: OfficialLoginInput, ip: string, now = new Date()) {
  const username = input.username.trim().toLowerCase();
  const attempt = {
    accountKey: officialAccountKey(username),
    ip,
    captchaId: input.captchaId,
    captchaAnswer: input.captchaAnswer,
  };
  await deps.loginGuard.before(attempt, now);
  const official = await deps.db.models.Official.findOne({ where: { username } });
  const ok =
    official && !official.disabledAt
      ? await verifyPassword(official.passwordHash, input.password)
      : await verifyAgainstDecoy(input.password);
  if (!ok || !official) throw await deps.loginGuard.failed(attempt, now);
  await checkTotp(deps, official, input.totpCode, attempt, now);
  await deps.loginGuard.succeeded(attempt);
  await upgradePasswordHash(deps, official, input.password);
  return officialSession(deps, official);
}

/**
 * The tokens of a session at the account's current token version, and the official as the admin shows them; a
 * `mustChangePassword` official is sent to 修改密码 and let nowhere else.
 */
export function officialSession(deps: Pick<AccountsDeps, 'tokens'>, official: Official) {
  const claims = { sub: String(official.id), ver: official.tokenVersion };
  return {
    accessToken: deps.tokens.sign('official-access', claims),
    refreshToken: deps.tokens.sign('official-refresh', claims),
    expiresIn: deps.tokens.lifetime('official-access'),
    official: {
      username: official.username,
      name: official.name,
      role: official.role,
      roleLabel: OFFICIAL_ROLE_LABELS[official.role],
      cityId: official.cityId,
      countyId: official.countyId,
      mustChangePassword: Boolean(official.mustChangePassword),
    },
  };
}

/** Moves a hash made with older argon2 parameters to today's; a password changed meanwhile stays. */
async function upgradePasswordHash(deps: AccountsDeps, official: Official, password: string): Promise<void> {
  const passwordHash = await upgradedHash(official.passwordHash, password);
  if (!passwordHash) return;
  await deps.db.models.Official.update(
    { passwordHash },
    { where: { id: official.id, passwordHash: official.passwordHash } },
  );
}

/** A missing code asks for one; a wrong code counts as a failed attempt (and may lock the account). */
async function checkTotp(
  deps: AccountsDeps,
  official: Official,
  code: string | undefined,
  attempt: LoginAttempt,
  now: Date,
): Promise<void> {
  if (!official.totpSecret) return;
  if (!code) throw new AppError('TOTP_REQUIRED');
  if (totpCodeMatches(openTotpSecret(deps.vault, official.totpSecret), code)) return;
  const failure = await deps.loginGuard.failed(attempt, now);
  throw failure.code === 'LOGIN_FAILED' ? new AppError('TOTP_INVALID', {}, failure.details) : failure;
}
