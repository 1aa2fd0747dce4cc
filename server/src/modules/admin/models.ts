import type { ActorType } from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import { json, optionalInteger, optionalText, pk, text, createdStamp } from '../../db/columns';
import type { CreationOptional, Entity } from '../../db/modelTypes';

export interface AuditLog extends Entity<AuditLog> {
  actorType: ActorType;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
  /** The county the entry concerns, when there is one: city and county officials see their districts' entries. */
  countyId: CreationOptional<number | null>;
}

export function defineAdminModels(sequelize: Sequelize) {
  const AuditLog = sequelize.define<AuditLog>(
    'AuditLog',
    {
      id: pk(),
      ...createdStamp(),
      actorType: text(16),
      actorId: optionalInteger(),
      actorName: optionalText(64),
      action: text(64),
      entityType: text(32),
      entityId: optionalText(64),
      before: json(),
      after: json(),
      reason: optionalText(),
      ip: optionalText(45),
      requestId: optionalText(64),
      countyId: optionalInteger(),
    },
    { tableName: 'audit_logs', updatedAt: false },
  );
  return { AuditLog };
}
