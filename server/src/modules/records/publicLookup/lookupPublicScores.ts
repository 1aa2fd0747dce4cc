import { createHash, timingSafeEqual } from 'node:crypto';
import type { PublicScoresAnswer } from '@kaowei/shared';
import { sqlOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { findCandidateByIdCardNo } from '../../accounts/candidateRepository';
import { candidateScores } from '../myRecords/recordsRepository';
import { periodsNewestFirst, scoreRowView } from '../myRecords/scoreViews';
import { scoresPublished } from '../scoresPublication';
import type { RecordsDeps } from '../recordsDeps';

export interface PublicScoresInput {
  name: string;
  idCardNo: string;
  captchaId: string;
  captchaAnswer: string;
}

const digest = (text: string) => createHash('sha256').update(text.trim()).digest();

/**
 * 成绩查询 without logging in (seed 001: 姓名 + 身份证号): the person's scores in the latest period of theirs
 * that is published, the ID number masked. Counted per address (as many a minute as captchas may be
 * fetched), then one captcha per attempt. A wrong name, an unknown ID number and nothing published all
 * answer SCORES_NOT_FOUND after the same queries: the scores are read for an unknown person too (id 0) and
 * the name is compared in constant time, so neither body nor timing tells them apart.
 */
export async function lookupPublicScores(
  deps: RecordsDeps,
  input: PublicScoresInput,
  ip: string,
  now = new Date(),
): Promise<PublicScoresAnswer> {
  const limit = deps.config.limits.captcha.perIpPerMinute;
  const rule = { windowSeconds: 60, lockAt: limit, lockEnd: new Date(now.getTime() + 60_000) };
  if (!(await deps.throttles.count(`scores:ip:${ip}`, now, rule, true))) throw new AppError('RATE_LIMITED');
  await deps.captchas.check(input.captchaId, input.captchaAnswer, now);

  const candidate = await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo);
  const rows = await candidateScores(sqlOf(deps.db.sequelize), candidate?.id ?? 0);
  const nameMatches = timingSafeEqual(digest(candidate?.name ?? ''), digest(input.name));
  const periods = await periodsNewestFirst(
    deps.db,
    rows.map((r) => r.periodId),
  );
  const latest = periods.find((p) => scoresPublished(p, now));
  if (!candidate || !nameMatches || !latest) throw new AppError('SCORES_NOT_FOUND');
  return {
    name: candidate.name,
    idCardMasked: candidate.idCardMasked,
    periodCode: latest.code,
    periodName: latest.name,
    scores: rows.filter((r) => r.periodId === latest.id).map(scoreRowView),
  };
}
