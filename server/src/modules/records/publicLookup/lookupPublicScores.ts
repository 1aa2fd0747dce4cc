import { createHash, timingSafeEqual } from 'node:crypto';
import type { PublicScoresAnswer } from '@kaowei/shared';
import { sqlOf } from '../../../db/sqlTx';
import { AppError } from '../../../http/errors';
import { personMergedInto } from '../../accounts/candidateRepository';
import { candidateScores, personWithScores } from '../myRecords/recordsRepository';
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
 * answer SCORES_NOT_FOUND after the same queries: the scores are read for an unknown person too (by the
 * number's hash, naming nobody) and the name is compared in constant time, so neither body nor timing
 * tells them apart. Concurrent lookups share their round trips: their hits are counted in one transaction
 * (ThrottleStore.count), then their captchas spent in another (spendTogether) while the people and their
 * scores are read in one statement (personWithScores); nothing read is used unless the captcha was right.
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

  const { sequelize } = deps.db;
  const spent = deps.captchas.spendTogether(input.captchaId, input.captchaAnswer, now);
  const read = personWithScores(sequelize, deps.vault.hash(input.idCardNo));
  await spent.catch(async (refusal: unknown) => {
    await read.catch(() => undefined);
    throw refusal;
  });
  const found = await read;
  // A record closed by 合档 answers as the one it was merged into (rare: more round trips).
  const merged = found.person?.mergedIntoId;
  const person = merged ? await personMergedInto(sqlOf(sequelize), merged) : found.person;
  const rows = merged ? await candidateScores(sqlOf(sequelize), person?.id ?? 0) : found.scores;
  const nameMatches = timingSafeEqual(digest(person?.name ?? ''), digest(input.name));
  const periods = await periodsNewestFirst(
    deps.db,
    rows.map((r) => r.periodId),
  );
  const latest = periods.find((p) => scoresPublished(p, now));
  if (!person || !nameMatches || !latest) throw new AppError('SCORES_NOT_FOUND');
  return {
    name: person.name,
    idCardMasked: person.idCardMasked,
    periodCode: latest.code,
    periodName: latest.name,
    scores: rows.filter((r) => r.periodId === latest.id).map(scoreRowView),
  };
}
