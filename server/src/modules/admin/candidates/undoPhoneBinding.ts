import { maskPhone } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { execute } from '../../../db/execute';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import { candidateAccountKey, type LoginGuard } from '../../accounts/loginGuard';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import { assertCandidateInScope } from './candidateScope';
import { recentBindingConditions, reviewWindowStart } from './recentPhoneBindings';

/**
 * 撤销绑定手机: a phone bound in the last `days` days (as 近期绑定手机 lists it) is undone, first login
 * and all: the phone and the WeChat link go, the password is back to the initial one, every session ends
 * and login lockouts are lifted. Whoever bound it (knowing the ID number) had set their own password next,
 * so without the reset the rightful candidate could not get in to bind their own phone. One transaction
 * with its audit entry.
 */
export async function undoPhoneBinding(
  deps: { db: Db; loginGuard: LoginGuard },
  official: Official,
  candidateId: number,
  input: { reason: string; days: number },
  request: RequestInfo,
  now = new Date(),
) {
  const { db } = deps;
  await assertCandidateInScope(db, official, candidateId);
  await db.sequelize.transaction(async (transaction) => {
    const candidate = await db.models.Candidate.findByPk(candidateId, { transaction, lock: transaction.LOCK.UPDATE });
    const recent = recentBindingConditions('c', reviewWindowStart(now, input.days), null);
    const stillRecent = await db.sequelize.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM candidates c WHERE c.id = ? AND ${recent.sql}`,
      { replacements: [candidateId, ...recent.replacements], transaction, plain: true, type: QueryTypes.SELECT },
    );
    if (!candidate?.phone || Number(stillRecent?.n ?? 0) === 0) {
      throw new AppError('PHONE_BINDING_NOT_RECENT', { days: input.days });
    }
    await execute(
      db.sequelize,
      `UPDATE candidates SET phone = NULL, phone_bound_at = NULL, wechat_openid = NULL, password_hash = NULL,
              must_change_password = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?`,
      [true, now, candidateId],
      transaction,
    );
    await deps.loginGuard.clearAccount(candidateAccountKey(candidateId), transaction);
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'candidate.undo_phone_binding',
        entityType: 'candidate',
        entityId: candidateId,
        before: {
          phone: maskPhone(candidate.phone),
          phoneBoundAt: candidate.phoneBoundAt?.toISOString() ?? null,
          wechatLinked: candidate.wechatOpenid !== null,
          initialPassword: candidate.passwordHash === null,
        },
        after: { phone: null, phoneBoundAt: null, wechatLinked: false, initialPassword: true },
        reason: input.reason,
        countyId: candidate.countyId,
        ...request,
      },
      transaction,
    );
  });
  return { ok: true as const };
}
