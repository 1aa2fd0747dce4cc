import type { OfficialView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changeManagedOfficial } from './changeManagedOfficial';

/** 启用: a disabled account may sign in again (with its password as it was). Audited with the reason. */
export function enableOfficial(
  db: Db,
  actor: Official,
  id: number,
  reason: string,
  request: RequestInfo,
): Promise<OfficialView> {
  return changeManagedOfficial(db, actor, id, request, async (target, transaction) => {
    if (!target.disabledAt) throw new AppError('OFFICIAL_NOT_DISABLED');
    await target.update({ disabledAt: null }, { transaction });
    return { action: 'official.enable', before: { disabled: true }, after: { disabled: false }, reason };
  });
}
