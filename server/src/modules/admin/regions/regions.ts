import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import type { City, County } from '../../catalog/models';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { catalogTransaction, uniqueCodeTransaction } from '../changes';
import { officialActor } from '../../../kernel/actor';
import { scopedCountyIds } from '../../../kernel/scope';

const regionView = (r: City | County) => ({ id: r.id, code: r.code, name: r.name });

/** Cities and their counties, as far as the official's scope reaches. */
export async function listRegions(db: Db, official: Official) {
  const countyIds = await scopedCountyIds(db, official);
  const counties = await db.models.County.findAll({
    where: countyIds ? { id: countyIds } : {},
    order: [['code', 'ASC']],
  });
  const cities = await db.models.City.findAll({
    where: countyIds ? { id: [...new Set(counties.map((c) => c.cityId)), official.cityId ?? -1] } : {},
    order: [['code', 'ASC']],
  });
  return {
    cities: cities.map((city) => ({
      ...regionView(city),
      counties: counties.filter((c) => c.cityId === city.id).map(regionView),
    })),
  };
}

export function createCity(db: Db, official: Official, input: { code: string; name: string }, request: RequestInfo) {
  return uniqueCodeTransaction(db, { what: '市（州）', code: input.code }, async (transaction) => {
    const city = await db.models.City.create(input, { transaction });
    const after = regionView(city);
    await writeAudit(
      db,
      officialActor(official),
      { action: 'city.create', entityType: 'city', entityId: city.id, after, ...request },
      transaction,
    );
    return { ...after, counties: [] };
  });
}

export async function createCounty(
  db: Db,
  official: Official,
  input: { cityId: number; code: string; name: string },
  request: RequestInfo,
) {
  if (!(await db.models.City.findByPk(input.cityId))) throw new AppError('NOT_FOUND', { what: '市（州）' });
  return uniqueCodeTransaction(db, { what: '县（市、区）', code: input.code }, async (transaction) => {
    const county = await db.models.County.create(input, { transaction });
    const after = { ...regionView(county), cityId: county.cityId };
    await writeAudit(
      db,
      officialActor(official),
      { action: 'county.create', entityType: 'county', entityId: county.id, after, countyId: county.id, ...request },
      transaction,
    );
    return after;
  });
}

/** Renames a city or county; codes never change once candidates may have registered under them. */
export async function renameRegion(
  db: Db,
  official: Official,
  kind: 'city' | 'county',
  id: number,
  name: string,
  request: RequestInfo,
) {
  return catalogTransaction(db, async (transaction) => {
    const options = { transaction, lock: transaction.LOCK.UPDATE };
    const row =
      kind === 'city' ? await db.models.City.findByPk(id, options) : await db.models.County.findByPk(id, options);
    if (!row) throw new AppError('NOT_FOUND', { what: kind === 'city' ? '市（州）' : '县（市、区）' });
    const before = { name: row.name };
    row.name = name;
    await row.save({ transaction });
    await writeAudit(
      db,
      officialActor(official),
      {
        action: `${kind}.rename`,
        entityType: kind,
        entityId: id,
        before,
        after: { name },
        countyId: kind === 'county' ? id : null,
        ...request,
      },
      transaction,
    );
    return regionView(row);
  });
}
