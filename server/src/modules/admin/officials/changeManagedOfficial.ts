import type { OfficialView } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { auditOfficial } from './officialAudit';
import { lockActiveProvinceIds, officialView } from './officialRepository';
import { assertNotLastProvince, lockManagedOfficial } from './officialScope';

/** What a change did, for its audit entry. */
export interface OfficialChange {
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * One change to an account `actor` manages, in one transaction: the account is locked and its scope checked,
 * `change` applies the change, and the audit entry is written. With `mayRemoveProvince`, every active province
 * account is locked first (always in this order) and a change that would leave none is refused.
 */
export async function changeManagedOfficial(
  db: Db,
  actor: Official,
  id: number,
  request: RequestInfo,
  change: (target: Official, transaction: Transaction) => Promise<OfficialChange>,
  options: { mayRemoveProvince?: (target: Official) => boolean } = {},
): Promise<OfficialView> {
  return db.sequelize.transaction(async (transaction) => {
    const provinces = options.mayRemoveProvince ? await lockActiveProvinceIds(db, transaction) : [];
    const target = await lockManagedOfficial(db, actor, id, transaction);
    if (options.mayRemoveProvince?.(target)) assertNotLastProvince(target, provinces);
    const done = await change(target, transaction);
    await auditOfficial(db, actor, target, done, request, transaction);
    return officialView(db, id, transaction);
  });
}
