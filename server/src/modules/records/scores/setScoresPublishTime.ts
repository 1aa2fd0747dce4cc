import { formatBeijing, type ScoresPeriodView, type ScoresPublishInput } from '@kaowei/shared';
import { MAX_CATALOG_CACHE_SECONDS } from '../../../config';
import { AppError } from '../../../http/errors';
import type { Db } from '../../../db/models';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { scoresPublished } from '../scoresPublication';

/** A publish time this far behind the server's clock still counts as "now" (the form's minute precision). */
const NOW_TOLERANCE_MS = 60_000;

/**
 * 成绩发布时间 (province only): sets, moves or clears the moment the period's scores reach candidates.
 * Changeable until it passes; after that it is fixed (scores once shown are never hidden again) and a
 * published score changes only through 成绩更正. A time in the past is refused (publishing at once is
 * setting it to now). Audited with before and after, in one transaction.
 *
 * Every instance caches periods for up to MAX_CATALOG_CACHE_SECONDS: an instance still holding the old time
 * would show scores at it. So within that span of the old time it may only move earlier, never later or away.
 */
export async function setScoresPublishTime(
  db: Db,
  official: Official,
  periodId: number,
  input: ScoresPublishInput,
  request: RequestInfo,
  now = new Date(),
): Promise<Pick<ScoresPeriodView, 'id' | 'scoresPublishAt' | 'published'>> {
  assertProvince(official);
  const at = input.scoresPublishAt === null ? null : new Date(input.scoresPublishAt);
  // The period is part of the catalog the candidates' side caches: cleared once the change is done.
  return db.catalog.invalidateAfter(() =>
    db.sequelize.transaction(async (transaction) => {
      const period = await db.models.ExamPeriod.findByPk(periodId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
      if (scoresPublished(period, now)) {
        throw new AppError('SCORES_PUBLISH_TIME_PASSED', { at: formatBeijing(period.scoresPublishAt!) });
      }
      if (at && at.getTime() < now.getTime() - NOW_TOLERANCE_MS) throw new AppError('SCORES_PUBLISH_TIME_IN_PAST');
      const old = period.scoresPublishAt;
      const imminent = old !== null && old.getTime() - now.getTime() <= MAX_CATALOG_CACHE_SECONDS * 1000;
      if (imminent && (at === null || at.getTime() > old.getTime())) {
        throw new AppError('SCORES_PUBLISH_TIME_IMMINENT', { at: formatBeijing(old) });
      }
      const before = period.scoresPublishAt ? period.scoresPublishAt.toISOString() : null;
      await period.update({ scoresPublishAt: at }, { transaction });
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'period.scores_publish_at',
          entityType: 'exam_period',
          entityId: period.id,
          before: { scoresPublishAt: before },
          after: { scoresPublishAt: at ? at.toISOString() : null },
          ...request,
        },
        transaction,
      );
      return {
        id: period.id,
        scoresPublishAt: at ? at.toISOString() : null,
        published: at !== null && at.getTime() <= now.getTime(),
      };
    }),
  );
}
