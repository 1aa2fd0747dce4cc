import type { ScoreReviewDaysInput, ScoresPeriodView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';

/**
 * 成绩复核申请期限 (province only): how many working days after the period's scores are published a
 * candidate may file a 成绩复核 (#16). Changeable at any time (a longer period reopens filing for
 * scores whose limit had passed); audited with before and after.
 */
export async function setScoreReviewDays(
  db: Db,
  official: Official,
  periodId: number,
  input: ScoreReviewDaysInput,
  request: RequestInfo,
): Promise<Pick<ScoresPeriodView, 'id' | 'scoreReviewDays'>> {
  assertProvince(official);
  return db.catalog.invalidateAfter(() =>
    db.sequelize.transaction(async (transaction) => {
      const period = await db.models.ExamPeriod.findByPk(periodId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!period) throw new AppError('NOT_FOUND', { what: '考次' });
      const before = { scoreReviewDays: period.scoreReviewDays };
      await period.update({ scoreReviewDays: input.scoreReviewDays }, { transaction });
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'period.score_review_days',
          entityType: 'exam_period',
          entityId: period.id,
          before,
          after: { scoreReviewDays: input.scoreReviewDays },
          ...request,
        },
        transaction,
      );
      return { id: period.id, scoreReviewDays: input.scoreReviewDays };
    }),
  );
}
