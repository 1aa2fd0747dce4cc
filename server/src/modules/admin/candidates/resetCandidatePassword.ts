import { maskPhone } from '@kaowei/shared';
import { execute } from '../../../db/execute';
import type { Db } from '../../../db/models';
import type { Official } from '../../accounts/models';
import { candidateAccountKey, type LoginGuard } from '../../accounts/loginGuard';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertCandidateInScope } from './candidateScope';

const masked = (phone: string | null) => (phone ? maskPhone(phone) : null);

/**
 * 重置密码 by an official: the candidate goes back to the initial state of a migrated candidate (no
 * password hash, so the last 6 characters of the ID number work, and a forced change at next login).
 * The token version moves on, so every session ends, and login lockouts of their accounts are lifted.
 * A candidate whose phone changed since the old system comes to the county office for this: the phone on
 * file (which a first login must bind) is then replaced (a number) or cleared (null); left out, it stays.
 * One transaction with its audit entry.
 */
export async function resetCandidatePassword(
  deps: { db: Db; loginGuard: LoginGuard },
  official: Official,
  candidateId: number,
  input: { reason: string; phoneOnFile?: string | null },
  request: RequestInfo,
) {
  const { db } = deps;
  await assertCandidateInScope(db, official, candidateId);
  await db.sequelize.transaction(async (transaction) => {
    const candidate = await db.models.Candidate.findByPk(candidateId, { transaction, lock: transaction.LOCK.UPDATE });
    const phoneOnFile = input.phoneOnFile === undefined ? candidate!.phoneOnFile : input.phoneOnFile;
    const phoneOnFileChanged = phoneOnFile !== candidate!.phoneOnFile;
    const before = {
      initialPassword: candidate!.passwordHash === null,
      mustChangePassword: candidate!.mustChangePassword,
      ...(phoneOnFileChanged && { phoneOnFile: masked(candidate!.phoneOnFile) }),
    };
    await execute(
      db.sequelize,
      `UPDATE candidates SET password_hash = NULL, must_change_password = ?, token_version = token_version + 1,
              phone_on_file = ?, updated_at = ? WHERE id = ?`,
      [true, phoneOnFile, new Date(), candidateId],
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
        after: {
          initialPassword: true,
          mustChangePassword: true,
          ...(phoneOnFileChanged && { phoneOnFile: masked(phoneOnFile) }),
        },
        reason: input.reason,
        countyId: candidate!.countyId,
        ...request,
      },
      transaction,
    );
  });
  return { ok: true as const };
}
