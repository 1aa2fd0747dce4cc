import { Op, type WhereOptions } from 'sequelize';
import type { Db } from '../../../db/models';
import { addDays, beijingInstant } from '../../../lib/beijingTime';
import type { Official } from '../../accounts/models';
import type { AuditLog } from '../models';
import { likePrefix } from '../../../kernel/sqlParts';
import { scopedCountyIds } from '../../../kernel/scope';

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A date means the whole Beijing day: `from` its start, `to` its end. */
function timeRange(from?: string, to?: string) {
  const range: Record<symbol, Date> = {};
  if (from) range[Op.gte] = isDate(from) ? beijingInstant(from) : new Date(from);
  if (to) {
    if (isDate(to)) range[Op.lt] = addDays(beijingInstant(to), 1);
    else range[Op.lte] = new Date(to);
  }
  return Object.getOwnPropertySymbols(range).length > 0 ? { createdAt: range } : {};
}

/** Province: every entry. Others: what they did themselves, and what concerns a county in their scope. */
async function scopeWhere(db: Db, official: Official): Promise<WhereOptions<AuditLog>> {
  const countyIds = await scopedCountyIds(db, official);
  if (countyIds === null) return {};
  const own = { actorType: 'official' as const, actorId: official.id };
  return countyIds.length > 0 ? { [Op.or]: [own, { countyId: countyIds }] } : own;
}

/** `column` starts with `prefix` taken literally: a `%` or `_` typed in the filter is no wildcard. */
const startsWith = (db: Db, column: string, prefix: string) =>
  db.sequelize.literal(`${column} LIKE ${db.sequelize.escape(likePrefix(prefix))} ESCAPE '!'`);

export async function listAudit(db: Db, official: Official, filter: AuditFilter) {
  const where: WhereOptions<AuditLog> = {
    [Op.and]: [
      await scopeWhere(db, official),
      filter.actor ? startsWith(db, 'actor_name', filter.actor) : {},
      filter.action ? startsWith(db, 'action', filter.action) : {},
      filter.entityType ? { entityType: filter.entityType } : {},
      filter.entityId ? { entityId: filter.entityId } : {},
      timeRange(filter.from, filter.to),
    ],
  };
  const { rows, count } = await db.models.AuditLog.findAndCountAll({
    where,
    order: [['id', 'DESC']],
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.createdAt,
      actorType: r.actorType,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      countyId: r.countyId,
      before: r.before,
      after: r.after,
      reason: r.reason,
      ip: r.ip,
      requestId: r.requestId,
    })),
    total: count,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
