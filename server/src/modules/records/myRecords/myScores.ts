import type { MyScoresView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { assertAccountUsable, type CandidateClaims } from '../../accounts/authGuards';
import { scoresPublished } from '../scoresPublication';
import { accountWithScores } from './recordsRepository';
import { periodsNewestFirst, scoreRowView } from './scoreViews';

/**
 * 成绩查询: each period the candidate has scores in, newest first. A period before its publish time shows
 * only when it publishes (null: 成绩尚未公布), never its rows. The rows are read per request, never cached,
 * so the publish moment is exact to the clock. The account (token version, first-login steps) is read in
 * the same statement as the scores: on publish morning every request is this one, and one round trip each
 * is what the database can carry.
 */
export async function myScores(db: Db, claims: CandidateClaims, now = new Date()): Promise<MyScoresView> {
  const { account, scores: rows } = await accountWithScores(db.sequelize, [claims.candidateId, claims.ticketId ?? 0]);
  assertAccountUsable(account, claims);
  const periods = await periodsNewestFirst(
    db,
    rows.map((r) => r.periodId),
  );
  return {
    periods: periods.map((period) => {
      const published = scoresPublished(period, now);
      return {
        periodId: period.id,
        periodCode: period.code,
        periodName: period.name,
        published,
        publishAt: period.scoresPublishAt ? period.scoresPublishAt.toISOString() : null,
        scores: published ? rows.filter((r) => r.periodId === period.id).map(scoreRowView) : [],
      };
    }),
  };
}
