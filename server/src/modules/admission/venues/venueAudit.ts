import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import type { Official } from '../../accounts/models';

/** One change of a venue or room, in the change's transaction; the county lets its offices see the entry. */
export function auditVenueChange(
  db: Db,
  official: Official,
  entry: {
    action: string;
    entityType: 'exam_venue' | 'exam_room';
    entityId: number | null;
    countyId: number;
    before: unknown;
    after: unknown;
  },
  request: RequestInfo,
  transaction: Transaction,
): Promise<void> {
  return writeAudit(db, officialActor(official), { ...entry, ...request }, transaction);
}
