import type { ActorType, ImportJobState } from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import {
  createdStamp,
  integer,
  json,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  stamps,
  text,
} from '../../db/columns';
import type { CreationOptional, Entity, Row } from '../../db/modelTypes';

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

/** An import an official started (enrolled candidates, majors…): the kept file, progress, refused rows. */
export interface ImportJob extends Row<ImportJob> {
  kind: string;
  officialId: number;
  state: ImportJobState;
  fileName: string;
  filePath: string;
  fileSha256: string;
  totalRows: CreationOptional<number>;
  doneRows: CreationOptional<number>;
  errorRows: CreationOptional<number>;
  errors: CreationOptional<unknown>;
  summary: CreationOptional<unknown>;
  leasedUntil: CreationOptional<Date | null>;
  finishedAt: CreationOptional<Date | null>;
  /** The period a scores import belongs to. */
  periodId: CreationOptional<number | null>;
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
  const ImportJob = sequelize.define<ImportJob>(
    'ImportJob',
    {
      id: pk(),
      ...stamps(),
      kind: text(24),
      officialId: integer(),
      state: text(16),
      fileName: text(),
      filePath: text(),
      fileSha256: text(64),
      totalRows: { ...integer(), defaultValue: 0 },
      doneRows: { ...integer(), defaultValue: 0 },
      errorRows: { ...integer(), defaultValue: 0 },
      errors: json(),
      summary: json(),
      leasedUntil: optionalDateTime(),
      finishedAt: optionalDateTime(),
      periodId: optionalInteger(),
    },
    { tableName: 'import_jobs' },
  );
  return { AuditLog, ImportJob };
}
