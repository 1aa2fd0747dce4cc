import { execute } from '../../../db/execute';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { candidateAccountKey, type LoginGuard } from '../../accounts/loginGuard';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertCandidateInScope } from './candidateScope';

/**
 * 重置密码 by an official: the candidate goes back to the initial state of a migrated candidate (no
 * password hash, so the last 6 characters of the ID number work, and a forced change at next login).
 * The token version moves on, so every session ends, and login lockouts of their accounts are lifted.
 * One transaction with its audit entry.
 */
export async function resetCandidatePassword(
  deps: { db: Db; loginGuard: LoginGuard },
  official: Official,
  candidateId: number,
  reason: string,
  request: RequestInfo,
) {
  const { db } = deps;
  await assertCandidateInScope(db, official, candidateId);
  await db.sequelize.transaction(async (transaction) => {
    const candidate = await db.models.Candidate.findByPk(candidateId, { transaction, lock: transaction.LOCK.UPDATE });
    const before = {
      initialPassword: candidate!.passwordHash === null,
      mustChangePassword: candidate!.mustChangePassword,
    };
    await execute(
      db.sequelize,
      `UPDATE candidates SET password_hash = NULL, must_change_password = ?, token_version = token_version + 1,
              updated_at = ? WHERE id = ?`,
      [true, new Date(), candidateId],
      transaction,
    );
    await deps.loginGuard.clearAccount(candidateAccountKey(candidateId), transaction);
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'candidate.reset_password',
        entityType: 'candidate',
        entityId: candidateId,
        before,
        after: { initialPassword: true, mustChangePassword: true },
        reason,
        ...request,
      },
      transaction,
    );
  });
  return { ok: true as const };
}
