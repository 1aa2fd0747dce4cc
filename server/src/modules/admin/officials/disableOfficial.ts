import type { OfficialView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changeManagedOfficial } from './changeManagedOfficial';

/**
 * 停用: the account can no longer sign in, and its sessions end at once (the token version moves on and the
 * guard refuses a disabled official). Not one's own, and never the last active province account.
 */
export function disableOfficial(
  db: Db,
  actor: Official,
  id: number,
  reason: string,
  request: RequestInfo,
  now = new Date(),
): Promise<OfficialView> {
  if (id === actor.id) throw new AppError('OFFICIAL_SELF_DISABLE');
  return changeManagedOfficial(
    db,
    actor,
    id,
    request,
    async (target, transaction) => {
      if (target.disabledAt) throw new AppError('OFFICIAL_ALREADY_DISABLED');
      await target.update({ disabledAt: now, tokenVersion: target.tokenVersion + 1 }, { transaction });
      return { action: 'official.disable', before: { disabled: false }, after: { disabled: true }, reason };
    },
    { mayRemoveProvince: () => true },
  );
}
