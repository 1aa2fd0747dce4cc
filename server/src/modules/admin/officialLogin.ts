import { OFFICIAL_ROLE_LABELS } from '@kaowei/shared';
import { verifyAgainstDecoy, verifyPassword } from '../../lib/passwords';
import type { AccountsDeps } from '../accounts/deps';

export interface OfficialLoginInput {
  username: string;
  password: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/** Officials sign in with username and password, behind the same lockout and captcha as candidates. */
export async function loginOfficial(deps: AccountsDeps, input: OfficialLoginInput, ip: string, now = new Date()) {
  const username = input.username.trim().toLowerCase();
  const attempt = {
    accountKey: `official:${username}`,
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
  await deps.loginGuard.succeeded(attempt);
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
    },
  };
}
