import type { AnnouncementScope } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { assertCountyInScope, scopedCountyIds } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { cityExists, placeOfCounty, type AnnouncementRow, type OfficeScope } from './announcementRepository';

export interface AnnouncementTarget {
  scope: AnnouncementScope;
  cityId: number | null;
  countyId: number | null;
}

/**
 * Who may publish where: the provincial office anywhere; a city office to its city or one of its counties; a
 * county office to its own county only. 404 when the city or county does not exist.
 */
export async function assertMayPublish(db: Db, official: Official, target: AnnouncementTarget): Promise<void> {
  if (target.scope === 'province') {
    if (official.role !== 'province') throw new AppError('FORBIDDEN');
    return;
  }
  if (target.scope === 'city') {
    if (!(await cityExists(db, target.cityId!))) throw new AppError('NOT_FOUND', { what: '市（州）' });
    if (official.role === 'province') return;
    if (official.role !== 'city' || official.cityId !== target.cityId) throw new AppError('FORBIDDEN');
    return;
  }
  if (!(await placeOfCounty(db, target.countyId!))) throw new AppError('NOT_FOUND', { what: '县（市、区）' });
  await assertCountyInScope(db, official, target.countyId);
}

/** The target of a stored announcement (its scope decides which of its ids count). */
export const targetOf = (row: AnnouncementRow): AnnouncementTarget => ({
  scope: row.scope,
  cityId: row.city_id === null ? null : Number(row.city_id),
  countyId: row.county_id === null ? null : Number(row.county_id),
});

/** The announcements an official keeps: their counties' and, for a city office, their city's. */
export async function officeScope(db: Db, official: Official): Promise<OfficeScope> {
  return {
    counties: await scopedCountyIds(db, official),
    cityId: official.role === 'city' ? official.cityId : null,
  };
}
