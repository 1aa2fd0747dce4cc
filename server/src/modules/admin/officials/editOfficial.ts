import type { OfficialRole, OfficialView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import type { RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';
import { changeManagedOfficial } from './changeManagedOfficial';
import { accountFacts } from './officialAudit';
import { grantedScope } from './officialScope';

export interface OfficialEditInput {
  name: string;
  role: OfficialRole;
  cityId?: number | null;
  countyId?: number | null;
  reason: string;
}

/**
 * Renames an official or moves their scope, within the editor's own; the new scope applies from their next
 * request. The last active province account cannot be moved away. Audited with before/after and the reason.
 */
export async function editOfficial(
  db: Db,
  actor: Official,
  id: number,
  input: OfficialEditInput,
  request: RequestInfo,
): Promise<OfficialView> {
  const scope = await grantedScope(db, actor, input);
  return changeManagedOfficial(
    db,
    actor,
    id,
    request,
    async (target, transaction) => {
      const before = accountFacts(target);
      await target.update({ name: input.name, ...scope }, { transaction });
      return { action: 'official.edit', before, after: accountFacts(target), reason: input.reason };
    },
    { mayRemoveProvince: () => scope.role !== 'province' },
  );
}
