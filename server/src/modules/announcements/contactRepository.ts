import type { CountyContactInput } from '@kaowei/shared';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { forUpdate } from '../../db/sql';
import { sqlTxOf } from '../../db/sqlTx';
import { Conditions, select } from '../../kernel/sqlParts';

/** The SQL of 联系我们: each county office's contacts. */

export interface ContactRow {
  county_id: number;
  county_name: string;
  city_name: string;
  office_name: string | null;
  address: string | null;
  hotline: string | null;
  hours: string | null;
}

/** Counties (limited to `counties` unless null) with their contacts if set, by city then county code. */
export async function countiesWithContacts(db: Db, counties: number[] | null): Promise<ContactRow[]> {
  const where = new Conditions().counties('co.id', counties);
  return select<ContactRow>(
    db,
    `SELECT co.id AS county_id, co.name AS county_name, ci.name AS city_name,
            k.office_name, k.address, k.hotline, k.hours
       FROM counties co
       JOIN cities ci ON ci.id = co.city_id
       LEFT JOIN county_contacts k ON k.county_id = co.id
      WHERE ${where.sql}
      ORDER BY ci.code, co.code`,
    where.replacements,
  );
}

/** The county's contacts locked for a change: null when none are set; undefined when there is no such county. */
export async function lockContact(
  db: Db,
  countyId: number,
  transaction: Transaction,
): Promise<CountyContactInput | null | undefined> {
  const lock = forUpdate(db.sequelize);
  const county = await db.sequelize.query(`SELECT id FROM counties WHERE id = ?${lock}`, {
    replacements: [countyId],
    type: QueryTypes.SELECT,
    transaction,
  });
  if (county.length === 0) return undefined;
  const [row] = await db.sequelize.query<{ office_name: string; address: string; hotline: string; hours: string }>(
    `SELECT office_name, address, hotline, hours FROM county_contacts WHERE county_id = ?${lock}`,
    { replacements: [countyId], type: QueryTypes.SELECT, transaction },
  );
  return row ? { officeName: row.office_name, address: row.address, hotline: row.hotline, hours: row.hours } : null;
}

/** Writes the county's contacts (the county row is locked by lockContact, so exists tells insert from update). */
export async function saveContact(
  db: Db,
  countyId: number,
  contact: CountyContactInput,
  exists: boolean,
  officialId: number,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  const values = [contact.officeName, contact.address, contact.hotline, contact.hours, officialId, now, countyId];
  await sqlTxOf(db.sequelize, transaction).run(
    exists
      ? `UPDATE county_contacts SET office_name = ?, address = ?, hotline = ?, hours = ?, updated_by = ?, updated_at = ?
          WHERE county_id = ?`
      : `INSERT INTO county_contacts (office_name, address, hotline, hours, updated_by, updated_at, county_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    values,
  );
}
