import type { OfficialView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changeManagedOfficial } from './changeManagedOfficial';

/**
 * 重置动态验证码 by a superior (a lost phone): the authenticator secret is cleared, so the official signs in with
 * the password alone and can set up a new app; every session of the account ends. Audited with the reason.
 */
export function resetOfficialTotp(
  db: Db,
  actor: Official,
  id: number,
  reason: string,
  request: RequestInfo,
): Promise<OfficialView> {
  return changeManagedOfficial(db, actor, id, request, async (target, transaction) => {
    if (!target.totpSecret) throw new AppError('TOTP_NOT_ENABLED');
    await target.update({ totpSecret: null, tokenVersion: target.tokenVersion + 1 }, { transaction });
    return { action: 'official.reset_totp', before: { totpEnabled: true }, after: { totpEnabled: false }, reason };
  });
}
