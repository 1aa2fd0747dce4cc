import { officialPasswordProblem } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { hashPassword, verifyPassword } from '../../../lib/passwords';
import type { AccountsDeps } from '../../accounts/deps';
import { officialAccountKey } from '../../accounts/loginGuard';
import type { Official } from '../../accounts/models';
import { officialSession } from '../officialLogin';
import { auditOfficial } from './officialAudit';
import { lockOfficial } from './officialRepository';

/**
 * 修改密码: the old password, then a new one that meets the officials' rule. Ends the forced change of a new or
 * reset account; every other session ends, and this one goes on with the fresh tokens returned. A wrong old
 * password counts against the login lockout (a borrowed session should not guess it).
 */
export async function changeOwnPassword(
  deps: Pick<AccountsDeps, 'db' | 'tokens' | 'loginGuard'>,
  official: Official,
  input: { oldPassword: string; newPassword: string },
  request: RequestInfo,
  now = new Date(),
) {
  const attempt = { accountKey: officialAccountKey(official.username), ip: request.ip };
  await deps.loginGuard.before(attempt, now, { captcha: false });
  if (!(await verifyPassword(official.passwordHash, input.oldPassword))) {
    const failure = await deps.loginGuard.failed(attempt, now);
    throw failure.code === 'LOGIN_FAILED' ? new AppError('OLD_PASSWORD_WRONG') : failure;
  }
  await deps.loginGuard.succeeded(attempt);
  const problem =
    input.newPassword === input.oldPassword
      ? '不能与原密码相同'
      : officialPasswordProblem(input.newPassword, official.username);
  if (problem) throw new AppError('PASSWORD_TOO_WEAK', { reason: problem });
  const passwordHash = await hashPassword(input.newPassword);
  const changed = await deps.db.sequelize.transaction(async (transaction) => {
    const locked = (await lockOfficial(deps.db, official.id, transaction))!;
    const before = { mustChangePassword: Boolean(locked.mustChangePassword) };
    await locked.update(
      { passwordHash, mustChangePassword: false, tokenVersion: locked.tokenVersion + 1 },
      { transaction },
    );
    await auditOfficial(
      deps.db,
      official,
      locked,
      { action: 'official.change_password', before, after: { mustChangePassword: false } },
      request,
      transaction,
    );
    return locked;
  });
  return officialSession(deps, changed);
}
