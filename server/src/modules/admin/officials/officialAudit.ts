import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';

/** One audit entry about an official's account, visible to the officials of its county and city. */
export function auditOfficial(
  db: Db,
  actor: Official,
  target: Official,
  change: { action: string; before?: unknown; after?: unknown; reason?: string | null },
  request: RequestInfo,
  transaction: Transaction,
): Promise<void> {
  return writeAudit(
    db,
    officialActor(actor),
    { ...change, entityType: 'official', entityId: target.id, countyId: target.countyId, ...request },
    transaction,
  );
}

/** What an edit changes, as the audit log shows it before and after. */
export const accountFacts = (o: Official) => ({
  username: o.username,
  name: o.name,
  role: o.role,
  cityId: o.cityId,
  countyId: o.countyId,
});
