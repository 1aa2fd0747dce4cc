import type { Db } from '../db/models';
import { AppError } from '../http/errors';
import type { Official } from '../modules/accounts/models';

/** Provincial office: everything; city office: its counties; county office: itself. */
async function countyInScope(db: Db, official: Official, countyId: number | null): Promise<boolean> {
  if (official.role === 'province') return true;
  if (countyId === null) return false;
  if (official.role === 'county') return official.countyId === countyId;
  const county = await db.models.County.findByPk(countyId);
  return county !== null && county.cityId === official.cityId;
}

export async function assertCountyInScope(db: Db, official: Official, countyId: number | null): Promise<void> {
  if (!(await countyInScope(db, official, countyId))) throw new AppError('FORBIDDEN');
}

/** The county ids an official may see; null means all. */
export async function scopedCountyIds(db: Db, official: Official): Promise<number[] | null> {
  if (official.role === 'province') return null;
  if (official.role === 'county') return official.countyId ? [official.countyId] : [];
  const counties = await db.models.County.findAll({ where: { cityId: official.cityId ?? -1 }, attributes: ['id'] });
  return counties.map((c) => c.id);
}

/** Province-wide configuration (regions, periods, units, offerings) is the provincial office's alone. */
export function assertProvince(official: Official): void {
  if (official.role !== 'province') throw new AppError('FORBIDDEN');
}
