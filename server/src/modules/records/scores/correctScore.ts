import type { ScoreCorrectionInput, ScoreMark, ScoreView } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../../db/models';
import { sqlTxOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { officialActor, type Actor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import { assertProvince } from '../../../kernel/scope';
import type { Official } from '../../accounts/models';
import { resultPasses, type ScoreResult } from './scoreRows';
import { syncPassedCourses } from './syncPassedCourses';
import { readScores } from './viewScores';

export interface ScoreCorrection {
  /** Exactly one of score, grade and mark. */
  score?: number | null;
  grade?: string | null;
  mark?: ScoreMark | null;
  reason: string;
}

/**
 * 成绩更正 — the one way a score changes by hand, for the province's correction form and for 成绩复核
 * (#16) alike: in ONE transaction the score row (locked) takes the new result and pass, 已合格课程 follows
 * it (see syncPassedCourses), and the audit log records before, after and the reason. A correction that
 * changes nothing writes nothing. `action` names the audit entry (成绩复核 passes its own).
 */
export async function correctScore(
  db: Db,
  actor: Actor,
  scoreId: number,
  correction: ScoreCorrection,
  options: ScoreCorrectionOptions = {},
): Promise<{ changed: boolean; score: ScoreView }> {
  const { changed } = await db.sequelize.transaction((transaction) =>
    applyScoreCorrection(db, actor, scoreId, correction, transaction, options),
  );
  const [score] = await readScores(db, 's.id = ?', [scoreId]);
  return { changed, score: score! };
}

export interface ScoreCorrectionOptions {
  request?: Partial<RequestInfo>;
  now?: Date;
  action?: string;
}

export interface AppliedCorrection {
  changed: boolean;
  before: ScoreResult & { passed: boolean };
  after: ScoreResult & { passed: boolean };
}

/** The correction inside the caller's transaction (成绩复核 applies it with its decision). */
export async function applyScoreCorrection(
  db: Db,
  actor: Actor,
  scoreId: number,
  correction: ScoreCorrection,
  transaction: Transaction,
  options: ScoreCorrectionOptions = {},
): Promise<AppliedCorrection> {
  const now = options.now ?? new Date();
  const wanted: ScoreResult = {
    score: correction.score ?? null,
    grade: correction.grade ?? null,
    mark: correction.mark ?? null,
  };
  const row = await db.models.Score.findByPk(scoreId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!row) throw new AppError('NOT_FOUND', { what: '成绩' });
  const course = await db.models.Course.findByPk(row.courseId, { transaction, rejectOnEmpty: true });
  const period = await db.models.ExamPeriod.findByPk(row.periodId, { transaction, rejectOnEmpty: true });
  const passed = resultPasses(wanted, course.passScore);
  const before = { score: row.score, grade: row.grade, mark: row.mark, passed: row.passed };
  const after = { ...wanted, passed };
  if ((Object.keys(after) as Array<keyof typeof after>).every((key) => before[key] === after[key])) {
    return { changed: false, before, after };
  }
  await row.update({ ...after, importJobId: null }, { transaction });
  await syncPassedCourses(
    sqlTxOf(db.sequelize, transaction),
    period,
    [{ ticketId: row.ticketId, courseId: row.courseId, passed, score: wanted.score, grade: wanted.grade }],
    now,
  );
  const candidate = await db.models.Candidate.findByPk(row.candidateId, { transaction });
  await writeAudit(
    db,
    actor,
    {
      action: options.action ?? 'score.correct',
      entityType: 'score',
      entityId: row.id,
      before,
      after,
      reason: correction.reason,
      countyId: candidate?.countyId ?? null,
      ...options.request,
    },
    transaction,
  );
  return { changed: true, before, after };
}

/** 成绩更正 by the provincial office (the admin form). */
export function correctScoreByOffice(
  db: Db,
  official: Official,
  scoreId: number,
  input: ScoreCorrectionInput,
  request: RequestInfo,
  now = new Date(),
) {
  assertProvince(official);
  return correctScore(db, officialActor(official), scoreId, input, { request, now });
}
