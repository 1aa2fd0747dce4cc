import type { ExamPeriod } from '../catalog/models';

/**
 * The one rule every score read goes through: a period's scores (and the courses they passed) reach a
 * candidate, the public lookup or a county office only once its publish time has passed. No publish
 * time set means not published. Callers pass the clock so tests can stand on either side of it.
 */
export function scoresPublished(period: Pick<ExamPeriod, 'scoresPublishAt'>, now: Date): boolean {
  return period.scoresPublishAt != null && period.scoresPublishAt.getTime() <= now.getTime();
}
