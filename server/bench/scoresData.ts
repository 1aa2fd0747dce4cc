import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/models';
import { hashCaptchaAnswer } from '../src/modules/accounts/captcha';
import type { Services } from '../src/services';
import { prepareTickets, type TicketBenchCandidate } from './ticketsData';

/** The answer every prepared captcha takes: the bench reads no images. */
export const BENCH_CAPTCHA_ANSWER = 'k7wa';

export interface ScoresBenchData {
  periodId: number;
  candidates: TicketBenchCandidate[];
  /** How many score rows the period holds (1–4 a candidate). */
  scores: number;
}

/**
 * The publish-day world: `size` candidates with 1–4 paid courses in one period (bench:tickets' data)
 * and a result in each — scores spread over 0–100, one in about 23 marked 缺考 — with every passing
 * score also recorded as passed (已合格课程, tied to the period). The publish time is set by the caller.
 */
export async function prepareScores(db: Db, services: Services, size: number): Promise<ScoresBenchData> {
  const data = await prepareTickets(db, services, size, null);
  const now = new Date();
  await db.sequelize.query(
    `INSERT INTO scores (candidate_id, ticket_id, period_id, course_id, score, mark, passed, created_at, updated_at)
     SELECT candidate_id, ticket_id, period_id, course_id,
            CASE WHEN id % 23 = 0 THEN NULL ELSE (id * 37) % 101 END,
            CASE WHEN id % 23 = 0 THEN 'absent' ELSE NULL END,
            id % 23 <> 0 AND (id * 37) % 101 >= 60, ?, ?
       FROM booking_items WHERE period_id = ? AND state = 'paid'`,
    { replacements: [now, now, data.periodId] },
  );
  await db.sequelize.query(
    `INSERT INTO passed_courses (ticket_id, course_id, period_code, period_id, score, passed_by, created_at, updated_at)
     SELECT s.ticket_id, s.course_id, p.code, p.id, s.score, 'exam', ?, ?
       FROM scores s JOIN exam_periods p ON p.id = s.period_id
      WHERE s.period_id = ? AND s.passed`,
    { replacements: [now, now, data.periodId] },
  );
  const scores = await db.models.Score.count({ where: { periodId: data.periodId } });
  return { ...data, scores };
}

/** `count` unused captchas that all take BENCH_CAPTCHA_ANSWER, as if each visitor had fetched one. */
export async function prepareCaptchas(db: Db, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const expiresAt = new Date(Date.now() + 3600_000);
  const hash = hashCaptchaAnswer(BENCH_CAPTCHA_ANSWER);
  for (let start = 0; start < ids.length; start += 1000) {
    await db.sequelize.getQueryInterface().bulkInsert(
      'captchas',
      ids
        .slice(start, start + 1000)
        .map((id) => ({ id, answer_hash: hash, expires_at: expiresAt, created_at: new Date() })),
    );
  }
  return ids;
}
