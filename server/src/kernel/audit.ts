import type { Transaction } from 'sequelize';
import type { Db } from '../db/models';
import type { Actor } from './actor';

/** Who asked, for the audit entry of a change. */
export interface RequestInfo {
  ip: string;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** The county concerned, if any: lets the county's and city's officials see the entry. */
  countyId?: number | null;
}

/** Appends to the audit log inside the caller's transaction, so a change and its record land together. */
export async function writeAudit(db: Db, actor: Actor, entry: AuditEntry, transaction: Transaction): Promise<void> {
  await db.models.AuditLog.create(
    {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
      countyId: entry.countyId ?? null,
    },
    { transaction },
  );
}
