import { createHash, timingSafeEqual } from 'node:crypto';
import type { PublicScoresAnswer } from '@kaowei/shared';
import { sharedStatements } from '../../../db/sharedPackets';
import { AppError } from '../../../http/errors';
import { personByIdCardHash, personMergedInto } from '../../accounts/candidateRepository';
import { candidateScores, scoresByIdCardHash } from '../myRecords/recordsRepository';
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
 * tells them apart. Two round trips, each in a packet shared with concurrent lookups (sharedStatements): the
 * count, then the captcha spent with the person and their scores read (nothing read is used unless the
 * captcha was right).
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

  const idCardHash = deps.vault.hash(input.idCardNo);
  // The captcha spent and the person with their scores read in one packet, shared with concurrent lookups.
  const sql = sharedStatements(deps.db.sequelize);
  const spent = deps.captchas.spend(sql, input.captchaId, input.captchaAnswer, now);
  const reads = Promise.all([personByIdCardHash(sql, idCardHash), scoresByIdCardHash(sql, idCardHash)]);
  await spent.catch(async (refusal: unknown) => {
    await reads.catch(() => undefined);
    throw refusal;
  });
  const [found, foundRows] = await reads;
  // A record closed by 合档 answers as the one it was merged into (rare: one more round trip).
  const person = found?.mergedIntoId ? await personMergedInto(sql, found.mergedIntoId) : found;
  const rows = person === found ? foundRows : await candidateScores(sql, person?.id ?? 0);
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
