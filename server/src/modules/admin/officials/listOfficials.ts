import type { OfficialRole } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { scopedCountyIds } from '../../../kernel/scope';
import { paged } from '../../../kernel/sqlParts';
import type { Official } from '../../accounts/models';
import { findOfficials } from './officialRepository';
import { assertManagesAccounts } from './officialScope';

/** 账号管理's list: every official for the province; a city office sees the county officials of its city. */
export async function listOfficials(
  db: Db,
  actor: Official,
  query: { q?: string; role?: OfficialRole; page: number; pageSize: number },
) {
  assertManagesAccounts(actor);
  const countyIds = actor.role === 'province' ? null : await scopedCountyIds(db, actor);
  const { items, total } = await findOfficials(db, { countyIds, q: query.q, role: query.role }, query);
  return paged(items, total, query);
}
