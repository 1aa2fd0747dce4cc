import type { OfficialRole } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import type { Official } from '../../accounts/models';
import { cityExists, cityOfCounty, lockOfficial } from './officialRepository';

/** Where an account works: the province, one city, or one county (with its city). */
export interface OfficialScope {
  role: OfficialRole;
  cityId: number | null;
  countyId: number | null;
}

/**
 * 账号管理 is for the province and the city offices; a county office manages nobody and is refused
 * the whole screen.
 */
export function assertManagesAccounts(actor: Official): void {
  if (actor.role === 'county') throw new AppError('FORBIDDEN');
}

/**
 * Whether `actor` manages `target`'s account: the province manages everyone, a city office the county officials
 * of the counties in its city. Nobody manages their own account here (修改密码 is for that).
 */
export async function assertManages(db: Db, actor: Official, target: Official): Promise<void> {
  assertManagesAccounts(actor);
  if (actor.id === target.id) throw new AppError('OFFICIAL_NOT_MANAGED', { detail: '本人账号请在“修改密码”中维护' });
  if (actor.role === 'province') return;
  const inCity =
    target.role === 'county' && target.countyId !== null && (await cityOfCounty(db, target.countyId)) === actor.cityId;
  if (!inCity) {
    throw new AppError('OFFICIAL_NOT_MANAGED', { detail: '市（州）考办只能管理本市（州）所辖县（市、区）考办的账号' });
  }
}

/**
 * The scope a form asks for, completed (a county's city) and checked: the region must exist and `actor` may not
 * give more than their own — a city office gives only a county of its own city, the province gives anything.
 */
export async function grantedScope(
  db: Db,
  actor: Official,
  input: { role: OfficialRole; cityId?: number | null; countyId?: number | null },
): Promise<OfficialScope> {
  assertManagesAccounts(actor);
  const scope = await completeScope(db, input);
  if (actor.role === 'province') return scope;
  if (scope.role !== 'county') {
    throw new AppError('OFFICIAL_SCOPE_TOO_WIDE', { detail: '市（州）考办只能开设县（市、区）考办的账号' });
  }
  if (scope.cityId !== actor.cityId) {
    throw new AppError('OFFICIAL_SCOPE_TOO_WIDE', { detail: '只能选择本市（州）所辖的县（市、区）' });
  }
  return scope;
}

async function completeScope(
  db: Db,
  input: { role: OfficialRole; cityId?: number | null; countyId?: number | null },
): Promise<OfficialScope> {
  if (input.role === 'province') return { role: 'province', cityId: null, countyId: null };
  if (input.role === 'city') {
    if (!input.cityId || !(await cityExists(db, input.cityId))) {
      throw new AppError('OFFICIAL_SCOPE_INVALID', { detail: '市（州）不存在' });
    }
    return { role: 'city', cityId: input.cityId, countyId: null };
  }
  const cityId = input.countyId ? await cityOfCounty(db, input.countyId) : null;
  if (!cityId) throw new AppError('OFFICIAL_SCOPE_INVALID', { detail: '县（市、区）不存在' });
  return { role: 'county', cityId, countyId: input.countyId! };
}

export const scopeOf = (official: Official): OfficialScope => ({
  role: official.role,
  cityId: official.cityId,
  countyId: official.countyId,
});

/** The official `actor` manages, locked for a change; 404 when there is none. */
export async function lockManagedOfficial(
  db: Db,
  actor: Official,
  id: number,
  transaction: Transaction,
): Promise<Official> {
  const target = await lockOfficial(db, id, transaction);
  if (!target) throw new AppError('NOT_FOUND', { what: '账号' });
  await assertManages(db, actor, target);
  return target;
}

/**
 * The last active province account may not be disabled nor moved to a city or county. `activeProvinceIds`
 * comes from lockActiveProvinceIds in the same transaction, so two such changes at once are taken in turn.
 */
export function assertNotLastProvince(target: Official, activeProvinceIds: number[]): void {
  const othersLeft = activeProvinceIds.filter((id) => id !== target.id).length;
  if (target.role === 'province' && !target.disabledAt && othersLeft === 0)
    throw new AppError('OFFICIAL_LAST_PROVINCE');
}
