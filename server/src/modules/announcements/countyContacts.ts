import type { CountyContactInput, CountyContactView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import { assertCountyInScope, scopedCountyIds } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { countiesWithContacts, lockContact, saveContact, type ContactRow } from './contactRepository';

function contactView(row: ContactRow, ownCountyId: number | null): CountyContactView {
  const set = row.office_name !== null;
  return {
    countyId: Number(row.county_id),
    countyName: row.county_name,
    cityName: row.city_name,
    contact: set
      ? { officeName: row.office_name!, address: row.address!, hotline: row.hotline!, hours: row.hours! }
      : null,
    ownCounty: Number(row.county_id) === ownCountyId,
  };
}

/** 联系我们: every county office that has set its contacts; the reader's own county first. */
export async function publicContacts(db: Db, ownCountyId: number | null): Promise<CountyContactView[]> {
  const views = (await countiesWithContacts(db, null))
    .map((row) => contactView(row, ownCountyId))
    .filter((view) => view.contact !== null);
  return [...views.filter((v) => v.ownCounty), ...views.filter((v) => !v.ownCounty)];
}

/** 联系方式 in the admin: the counties in the official's scope, set or not. */
export async function officeContacts(db: Db, official: Official): Promise<CountyContactView[]> {
  const rows = await countiesWithContacts(db, await scopedCountyIds(db, official));
  return rows.map((row) => contactView(row, official.countyId));
}

/** Sets a county office's contacts (a county office its own; a city its counties; the province any). Audited. */
export async function setCountyContact(
  db: Db,
  official: Official,
  countyId: number,
  contact: CountyContactInput,
  request: RequestInfo,
  now = new Date(),
): Promise<CountyContactView> {
  await assertCountyInScope(db, official, countyId);
  await db.sequelize.transaction(async (transaction) => {
    const before = await lockContact(db, countyId, transaction);
    if (before === undefined) throw new AppError('NOT_FOUND', { what: '县（市、区）' });
    await saveContact(db, countyId, contact, before !== null, official.id, now, transaction);
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'county_contact.set',
        entityType: 'county_contact',
        entityId: countyId,
        countyId,
        before,
        after: contact,
        ...request,
      },
      transaction,
    );
  });
  const [row] = await countiesWithContacts(db, [countyId]);
  return contactView(row!, official.countyId);
}
