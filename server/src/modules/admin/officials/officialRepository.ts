import { OFFICIAL_ROLE_LABELS, type OfficialRole, type OfficialView } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { asBoolean, Conditions, count, likePrefix, limitOffset, select, toIso } from '../../../kernel/sqlParts';
import type { Official } from '../../accounts/models';

/** The SQL of 账号管理: officials as the list shows them, and the locks its changes take. */

interface OfficialRow {
  id: number;
  username: string;
  name: string;
  role: OfficialRole;
  city_id: number | null;
  city_name: string | null;
  county_id: number | null;
  county_name: string | null;
  totp_enabled: number | boolean;
  must_change_password: number | boolean;
  disabled_at: Date | string | null;
  created_at: Date | string;
}

// A county official's city is the county's (older rows kept only the county).
const FROM = `FROM officials o
  LEFT JOIN counties co ON co.id = o.county_id
  LEFT JOIN cities ci ON ci.id = COALESCE(co.city_id, o.city_id)`;
const COLUMNS = `o.id, o.username, o.name, o.role, COALESCE(co.city_id, o.city_id) AS city_id, ci.name AS city_name,
  o.county_id, co.name AS county_name, o.totp_secret IS NOT NULL AS totp_enabled, o.must_change_password,
  o.disabled_at, o.created_at`;

const view = (r: OfficialRow): OfficialView => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  roleLabel: OFFICIAL_ROLE_LABELS[r.role],
  cityId: r.city_id,
  cityName: r.city_name,
  countyId: r.county_id,
  countyName: r.county_name,
  totpEnabled: asBoolean(r.totp_enabled),
  mustChangePassword: asBoolean(r.must_change_password),
  disabledAt: toIso(r.disabled_at),
  createdAt: toIso(r.created_at)!,
});

export interface OfficialFilter {
  /** Only county officials of these counties; null: everyone (the province). */
  countyIds: number[] | null;
  q?: string;
  role?: OfficialRole;
}

/** One page of officials, active ones first, then by username. */
export async function findOfficials(db: Db, filter: OfficialFilter, page: { page: number; pageSize: number }) {
  const where = new Conditions();
  if (filter.countyIds) where.add("o.role = 'county'").counties('o.county_id', filter.countyIds);
  if (filter.role) where.add('o.role = ?', filter.role);
  if (filter.q) {
    const prefix = likePrefix(filter.q.toLowerCase());
    where.add("(o.username LIKE ? ESCAPE '!' OR o.name LIKE ? ESCAPE '!')", prefix, likePrefix(filter.q));
  }
  const [total, rows] = await Promise.all([
    count(db, `SELECT COUNT(*) AS n FROM officials o WHERE ${where.sql}`, where.replacements),
    select<OfficialRow>(
      db,
      `SELECT ${COLUMNS} ${FROM} WHERE ${where.sql}
        ORDER BY o.disabled_at IS NOT NULL, o.username LIMIT ? OFFSET ?`,
      [...where.replacements, ...limitOffset(page)],
    ),
  ]);
  return { total, items: rows.map(view) };
}

export async function officialView(db: Db, id: number, transaction?: Transaction): Promise<OfficialView> {
  const [row] = await db.sequelize.query<OfficialRow>(`SELECT ${COLUMNS} ${FROM} WHERE o.id = ?`, {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  return view(row!);
}

/** The official's row, locked for a change, or null. */
export function lockOfficial(db: Db, id: number, transaction: Transaction): Promise<Official | null> {
  return db.models.Official.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
}

/**
 * Locks every active province account (taken before the changed official's row, always in this order), so two
 * officials cannot each disable or move the other and leave the province with none.
 */
export async function lockActiveProvinceIds(db: Db, transaction: Transaction): Promise<number[]> {
  const rows = await db.sequelize.query<{ id: number }>(
    "SELECT id FROM officials WHERE role = 'province' AND disabled_at IS NULL ORDER BY id FOR UPDATE",
    { type: QueryTypes.SELECT, transaction },
  );
  return rows.map((r) => r.id);
}

export async function usernameTaken(db: Db, username: string, transaction: Transaction): Promise<boolean> {
  return (await db.models.Official.count({ where: { username }, transaction })) > 0;
}

/** A county's city, or null when there is no such county. */
export async function cityOfCounty(db: Db, countyId: number): Promise<number | null> {
  return (await db.models.County.findByPk(countyId, { attributes: ['cityId'] }))?.cityId ?? null;
}

export async function cityExists(db: Db, cityId: number): Promise<boolean> {
  return (await db.models.City.count({ where: { id: cityId } })) > 0;
}
