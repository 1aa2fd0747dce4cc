import {
  CANDIDATE_APPLICATION_STATES,
  type ApplicationQueueQuery,
  type ApplicationQueueView,
  type CandidateApplicationState,
} from '@kaowei/shared';
import { Op } from 'sequelize';
import type { Db } from '../../db/models';
import { assertCountyInScope, scopedCountyIds } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { queuePage } from './applicationRepository';
import { adminApplicationViews } from './applicationViews';

/**
 * A kind's review queue within the official's districts (a county's own, a city's counties, the whole
 * province), oldest submission first, with how many are in each state. Drafts are never listed.
 */
export async function applicationQueue(
  db: Db,
  official: Official,
  query: ApplicationQueueQuery,
): Promise<ApplicationQueueView> {
  if (query.countyId !== undefined) await assertCountyInScope(db, official, query.countyId);
  const counties = await scopedCountyIds(db, official);
  const page = await queuePage(db, { ...query, counties }, query);
  const rows = await db.models.CandidateApplication.findAll({
    where: { id: { [Op.in]: page.ids.length ? page.ids : [-1] } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = await adminApplicationViews(
    db,
    page.ids.map((id) => byId.get(id)!),
  );
  const counts = Object.fromEntries(CANDIDATE_APPLICATION_STATES.map((s) => [s, 0])) as Record<
    CandidateApplicationState,
    number
  >;
  for (const row of page.counts) counts[row.state] = Number(row.n);
  return { items, total: page.total, page: query.page, pageSize: query.pageSize, counts };
}
