import { formatBeijing, type ScoreReviewForm } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { endOfWorkingDaysAfter } from '../../../lib/beijingTime';
import type { ExamPeriod } from '../../catalog/models';
import { applyScoreCorrection } from '../../records/scores/correctScore';
import { scoresPublished } from '../../records/scoresPublication';
import type { ApplicationsDeps } from '../applicationsDeps';
import type { EffectContext, EffectResult } from '../kinds';

/** The score under review: the ticket's, of the period and course, and published at `now`. */
async function scoreUnderReview(db: Db, ticketId: number, form: ScoreReviewForm, now: Date, transaction?: Transaction) {
  const course = await db.models.Course.findOne({ where: { code: form.courseCode }, transaction });
  if (!course) throw new AppError('COURSE_NOT_FOUND', { code: form.courseCode });
  const period = await db.models.ExamPeriod.findByPk(form.periodId, { transaction });
  const score =
    period && scoresPublished(period, now)
      ? await db.models.Score.findOne({ where: { ticketId, periodId: period.id, courseId: course.id }, transaction })
      : null;
  if (!period || !score) throw new AppError('SCORE_REVIEW_SCORE_NOT_FOUND', { code: form.courseCode });
  return { course, period, score };
}

/**
 * The last moment a 成绩复核 may be filed: the end of the period's `scoreReviewDays`-th working day
 * (Mon–Fri; holidays not known) after the day its scores were published.
 */
export function scoreReviewDeadline(period: Pick<ExamPeriod, 'scoresPublishAt' | 'scoreReviewDays'>): Date {
  return endOfWorkingDaysAfter(period.scoresPublishAt!, period.scoreReviewDays);
}

/** 提交: a published score of the ticket, within the working days after publication. */
export async function checkScoreReview(deps: ApplicationsDeps, ticketId: number, form: unknown, now: Date) {
  const { period } = await scoreUnderReview(deps.db, ticketId, form as ScoreReviewForm, now);
  const deadline = scoreReviewDeadline(period);
  if (now.getTime() >= deadline.getTime()) {
    throw new AppError('SCORE_REVIEW_TOO_LATE', {
      days: period.scoreReviewDays,
      deadline: formatBeijing(new Date(deadline.getTime() - 60_000)),
    });
  }
}

/**
 * 成绩复核 approved (province) with its outcome: 成绩无误 leaves the score, a correction goes through 成绩更正
 * (score, 已合格课程 and its own audit entry `score.review_correct`) in the decision's transaction.
 */
export async function scoreReviewEffect(context: EffectContext): Promise<EffectResult> {
  const { deps, application, official, transaction, now, decision, request } = context;
  const outcome = decision.scoreReview;
  if (!outcome) throw new AppError('SCORE_REVIEW_OUTCOME_REQUIRED');
  const form = application.form as ScoreReviewForm;
  const { score } = await scoreUnderReview(deps.db, application.ticketId, form, now, transaction);
  const about = { courseCode: form.courseCode, periodId: form.periodId };
  const current = { score: score.score, grade: score.grade, mark: score.mark, passed: score.passed };
  if (outcome.result === 'unchanged' || !outcome.correction) {
    return { before: { ...about, ...current }, after: { ...about, ...current, result: 'unchanged' } };
  }
  const applied = await applyScoreCorrection(
    deps.db,
    officialActor(official),
    score.id,
    outcome.correction,
    transaction,
    { now, request, action: 'score.review_correct' },
  );
  return {
    before: { ...about, ...applied.before },
    after: {
      ...about,
      ...applied.after,
      result: applied.changed ? 'corrected' : 'unchanged',
      reason: outcome.correction.reason,
    },
  };
}
