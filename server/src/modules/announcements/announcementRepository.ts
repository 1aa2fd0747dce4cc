import type { AnnouncementScope } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { forUpdate, preciseTime } from '../../db/sql';
import { sqlTxOf } from '../../db/sqlTx';
import { Conditions, select } from '../../kernel/sqlParts';

/** The SQL of 通知公告. */

export interface AnnouncementRow {
  id: number;
  scope: AnnouncementScope;
  city_id: number | null;
  county_id: number | null;
  title: string;
  body: string;
  publish_at: Date | string;
  author_official_id: number;
  author_name: string;
  withdrawn_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  city_name: string | null;
  county_name: string | null;
  /** The city of a county announcement (for its label). */
  county_city_name: string | null;
}

const COLUMNS = `a.id, a.scope, a.city_id, a.county_id, a.title, a.body, a.publish_at, a.author_official_id,
  o.name AS author_name, a.withdrawn_at, a.created_at, a.updated_at,
  ci.name AS city_name, co.name AS county_name, cc.name AS county_city_name`;
const FROM = `announcements a
  JOIN officials o ON o.id = a.author_official_id
  LEFT JOIN cities ci ON ci.id = a.city_id
  LEFT JOIN counties co ON co.id = a.county_id
  LEFT JOIN cities cc ON cc.id = co.city_id`;

export interface AnnouncementWrite {
  scope: AnnouncementScope;
  cityId: number | null;
  countyId: number | null;
  title: string;
  body: string;
  publishAt: Date;
  authorId: number;
}

export async function insertAnnouncement(db: Db, row: AnnouncementWrite, now: Date, transaction: Transaction) {
  const { insertId } = await sqlTxOf(db.sequelize, transaction).run(
    `INSERT INTO announcements (scope, city_id, county_id, title, body, publish_at, author_official_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.scope, row.cityId, row.countyId, row.title, row.body, row.publishAt, row.authorId, now, now],
  );
  return insertId;
}

export async function updateAnnouncement(
  db: Db,
  id: number,
  content: { title: string; body: string; publishAt: Date },
  now: Date,
  transaction: Transaction,
) {
  await sqlTxOf(db.sequelize, transaction).run(
    'UPDATE announcements SET title = ?, body = ?, publish_at = ?, updated_at = ? WHERE id = ?',
    [content.title, content.body, content.publishAt, now, id],
  );
}

export async function markWithdrawn(db: Db, id: number, officialId: number, now: Date, transaction: Transaction) {
  await sqlTxOf(db.sequelize, transaction).run(
    'UPDATE announcements SET withdrawn_at = ?, withdrawn_by = ?, updated_at = ? WHERE id = ?',
    [now, officialId, now, id],
  );
}

/** An announcement locked for a change (its own row only), or null. */
export async function lockAnnouncement(db: Db, id: number, transaction: Transaction): Promise<AnnouncementRow | null> {
  const locked = await db.sequelize.query(`SELECT id FROM announcements WHERE id = ?${forUpdate(db.sequelize)}`, {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (locked.length === 0) return null;
  const [row] = await db.sequelize.query<AnnouncementRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = ?`, {
    replacements: [id],
    type: QueryTypes.SELECT,
    transaction,
  });
  return row ?? null;
}

export async function findAnnouncement(db: Db, id: number): Promise<AnnouncementRow | null> {
  const [row] = await select<AnnouncementRow>(db, `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = ?`, [id]);
  return row ?? null;
}

/** Which announcements an official keeps: those for a place in their scope (the province: all). */
export interface OfficeScope {
  /** null: every announcement. */
  counties: number[] | null;
  /** The city whose city-wide announcements the official keeps (a city office). */
  cityId: number | null;
}

/** An office's announcements, newest publish time first (scheduled ones included). */
export async function officeAnnouncements(db: Db, scope: OfficeScope): Promise<AnnouncementRow[]> {
  const where = new Conditions();
  if (scope.counties) {
    const inCounties = new Conditions().counties('a.county_id', scope.counties);
    if (scope.cityId !== null) where.orWith(inCounties, "a.scope = 'city' AND a.city_id = ?", scope.cityId);
    else where.and(inCounties);
  }
  return select<AnnouncementRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.sql} ORDER BY a.publish_at DESC, a.id DESC LIMIT 500`,
    where.replacements,
  );
}

/** Where a reader stands: their county and its city, or nowhere (province-wide announcements only). */
export interface ReaderPlace {
  countyId: number | null;
  cityId: number | null;
}

function publishedFor(db: Db, place: ReaderPlace, now: Date): Conditions {
  const where = new Conditions().add('a.withdrawn_at IS NULL').add('a.publish_at <= ?', preciseTime(db.sequelize, now));
  const reach = ["a.scope = 'province'"];
  const values: number[] = [];
  if (place.cityId !== null) {
    reach.push("(a.scope = 'city' AND a.city_id = ?)");
    values.push(place.cityId);
  }
  if (place.countyId !== null) {
    reach.push("(a.scope = 'county' AND a.county_id = ?)");
    values.push(place.countyId);
  }
  return where.add(`(${reach.join(' OR ')})`, ...values);
}

/** Published, not withdrawn, for the reader's province, city or county: the county's first, then newest first. */
export async function publishedAnnouncements(db: Db, place: ReaderPlace, now: Date): Promise<AnnouncementRow[]> {
  const where = publishedFor(db, place, now);
  return select<AnnouncementRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.sql}
      ORDER BY CASE WHEN a.county_id = ? THEN 0 ELSE 1 END, a.publish_at DESC, a.id DESC LIMIT 200`,
    [...where.replacements, place.countyId ?? -1],
  );
}

export async function publishedAnnouncement(
  db: Db,
  place: ReaderPlace,
  id: number,
  now: Date,
): Promise<AnnouncementRow | null> {
  const where = publishedFor(db, place, now).add('a.id = ?', id);
  const [row] = await select<AnnouncementRow>(
    db,
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.sql}`,
    where.replacements,
  );
  return row ?? null;
}

/** A county and its city, or null when there is no such county. */
export async function placeOfCounty(db: Db, countyId: number): Promise<ReaderPlace | null> {
  const [row] = await select<{ id: number; city_id: number }>(db, 'SELECT id, city_id FROM counties WHERE id = ?', [
    countyId,
  ]);
  return row ? { countyId: Number(row.id), cityId: Number(row.city_id) } : null;
}

export async function cityExists(db: Db, cityId: number): Promise<boolean> {
  return (await select(db, 'SELECT id FROM cities WHERE id = ?', [cityId])).length > 0;
}
