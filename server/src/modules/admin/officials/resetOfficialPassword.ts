import type { OfficialWithPassword } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { RequestInfo } from '../../../kernel/audit';
import { hashPassword } from '../../../lib/passwords';
import { officialAccountKey, type LoginGuard } from '../../accounts/loginGuard';
import type { Official } from '../../accounts/models';
import { changeManagedOfficial } from './changeManagedOfficial';
import { temporaryPassword } from './temporaryPassword';

/**
 * 重置密码 by a superior: a new temporary password, shown once, that must be changed at the next login; every
 * session of the account ends and its login lockout is lifted. Audited with the reason (never the password).
 */
export async function resetOfficialPassword(
  deps: { db: Db; loginGuard: LoginGuard },
  actor: Official,
  id: number,
  reason: string,
  request: RequestInfo,
): Promise<OfficialWithPassword> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const official = await changeManagedOfficial(deps.db, actor, id, request, async (target, transaction) => {
    const before = { mustChangePassword: Boolean(target.mustChangePassword) };
    await target.update(
      { passwordHash, mustChangePassword: true, tokenVersion: target.tokenVersion + 1 },
      { transaction },
    );
    await deps.loginGuard.clearAccount(officialAccountKey(target.username), transaction);
    return { action: 'official.reset_password', before, after: { mustChangePassword: true }, reason };
  });
  return { official, temporaryPassword: password };
}
