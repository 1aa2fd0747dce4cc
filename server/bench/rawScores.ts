import { createHash, timingSafeEqual } from 'node:crypto';
import { hashCaptchaAnswer } from '../src/modules/accounts/captcha';
import DataLoader from 'dataloader';
import mysql from 'mysql2/promise';
import { scoreRowView } from '../src/modules/records/myRecords/scoreViews';
import type { Services } from '../src/services';
import { type MyScoresView, type PublicScoresAnswer, type ScoreMark, type ScorePeriodView } from '@kaowei/shared';
import type { TicketBenchCandidate } from './ticketsData';

/**
 * For many candidates at once (a JSON array of ids, numbered from 1 as `n`): each one's token version and
 * every result with its course, in one statement.
 */
const MY_SCORES = `
  SELECT k.n, ca.token_version, s.period_id, c.code, c.name, s.score, s.grade, s.mark, s.passed
    FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, id INT PATH '$')) k
    JOIN candidates ca ON ca.id = k.id
    LEFT JOIN scores s ON s.candidate_id = ca.id
    LEFT JOIN courses c ON c.id = s.course_id
   ORDER BY k.n, s.period_id DESC, c.code`;
/** Candidates to a MY_SCORES statement, as the server's batches. */
const BATCH = 50;

/** For many keyed hashes of ID numbers at once (numbered from 1 as `n`): the person, with every result. */
const PUBLIC_SCORES = `
  SELECT k.n, ca.name AS person, ca.id_card_masked, s.period_id, c.code, c.name, s.score, s.grade, s.mark, s.passed
    FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, h VARCHAR(64) CHARACTER SET ascii PATH '$')) k
    LEFT JOIN candidates ca ON ca.id_card_hash = k.h
    LEFT JOIN scores s ON s.candidate_id = ca.id
    LEFT JOIN courses c ON c.id = s.course_id
   ORDER BY k.n, s.period_id DESC, c.code`;

/** One hit on each address's minute counter, for `n` addresses in one statement. */
const countHits = (n: number) => `
  INSERT INTO throttles (bucket, hits, window_ends_at) VALUES ${Array(n).fill('(?, 1, ?)').join(', ')}
  ON DUPLICATE KEY UPDATE hits = IF(window_ends_at > VALUES(window_ends_at) - INTERVAL 60 SECOND, hits + 1, 1)`;
/** The captchas of many lookups spent, their answers returned. */
const SPEND_CAPTCHAS = 'DELETE FROM captchas WHERE id IN (?) AND consumed_at IS NULL RETURNING id, answer_hash';

type PublicRow = ScoreRow & { person: string | null; id_card_masked: string | null };
interface Lookup {
  bucket: string;
  captchaId: string;
  idCardHash: string;
}
interface Looked {
  answerHash: string | undefined;
  rows: PublicRow[];
}

/** Keys asked for in one turn of the event loop, sent together at its end, BATCH to a statement. */
const batcher = <K, R>(load: (keys: readonly K[]) => Promise<R[]>) =>
  new DataLoader(load, { cache: false, maxBatchSize: BATCH, batchScheduleFn: (dispatch) => setImmediate(dispatch) });

/** Rows numbered from 1 (`n`) as one array per key. */
function perKey<R extends { n?: number }>(rows: R[], keys: number): R[][] {
  const each = Array.from({ length: keys }, (): R[] => []);
  for (const row of rows) each[row.n! - 1]!.push(row);
  return each;
}

interface Period {
  id: number;
  code: string;
  name: string;
  publishAt: Date | null;
}
type ScoreRow = mysql.RowDataPacket & {
  n?: number;
  token_version?: number;
  period_id: number | null;
  code: string;
  name: string;
  score: number | null;
  grade: string | null;
  mark: ScoreMark | null;
  passed: number;
};

const digest = (text: string) => createHash('sha256').update(text.trim()).digest();

/**
 * bench:scores' reads done the plainest way: the token verified, the accounts and results of the
 * requests that arrived together read in one mysql2 statement (as the server batches them), periods held in
 * memory as the server's catalog cache holds them, the publish time checked against the clock; a row is
 * shown as the server shows it (its `scoreRowView`). The public lookup counts the address's hit, spends the
 * captcha (DELETE … RETURNING), finds the person by the ID hash and compares the name, batched across the
 * requests that arrived together as the server batches them. Served over bare HTTP
 * by rawScoresServer.ts, and called in-process by the bench.
 */
export class RawScores {
  /** 成绩查询's MY_SCORES rows per candidate. */
  private readonly scores = batcher((ids: readonly number[]) => this.readScores(ids));
  /** The public lookups' spent captchas and rows. */
  private readonly lookups = batcher((lookups: readonly Lookup[]) => this.lookUp(lookups));

  private constructor(
    private readonly pool: mysql.Pool,
    private readonly periods: Map<number, Period>,
    private readonly services: Pick<Services, 'tokens' | 'vault'>,
  ) {}

  static async open(
    databaseUrl: string,
    options: { poolSize: number; services: Pick<Services, 'tokens' | 'vault'> },
  ): Promise<RawScores> {
    const pool = mysql.createPool({
      uri: databaseUrl,
      connectionLimit: options.poolSize,
      timezone: 'Z',
      multipleStatements: true,
    });
    const opened = await Promise.all(Array.from({ length: options.poolSize }, () => pool.getConnection()));
    for (const conn of opened) conn.release();
    const [rows] = await pool.query<
      Array<mysql.RowDataPacket & { id: number; code: string; name: string; scores_publish_at: Date | null }>
    >('SELECT id, code, name, scores_publish_at FROM exam_periods');
    const periods = new Map(
      rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, publishAt: r.scores_publish_at }]),
    );
    return new RawScores(pool, periods, options.services);
  }

  /** 成绩查询 of the token's candidate: per period with results, the rows once published; null: token refused. */
  async myScores(token: string): Promise<MyScoresView | null> {
    const claims = this.services.tokens.verify('candidate-access', token);
    const rows = await this.scores.load(Number(claims.sub));
    if (rows[0]?.token_version !== claims.ver) return null;
    return { periods: this.byPeriod(rows, new Date()) };
  }

  private async readScores(ids: readonly number[]): Promise<ScoreRow[][]> {
    const [rows] = await this.pool.execute<ScoreRow[]>(MY_SCORES, [JSON.stringify(ids)]);
    return perKey(rows, ids.length);
  }

  /** The rows per period as the server answers them (its ScorePeriodView), the rows only once published. */
  private byPeriod(rows: ScoreRow[], now: Date): ScorePeriodView[] {
    const periods = new Map<number, ScorePeriodView>();
    for (const r of rows) {
      if (r.period_id === null) continue;
      let period = periods.get(r.period_id);
      if (!period) {
        const known = this.periods.get(r.period_id)!;
        const published = known.publishAt != null && known.publishAt <= now;
        period = {
          periodId: known.id,
          periodCode: known.code,
          periodName: known.name,
          published,
          publishAt: known.publishAt?.toISOString() ?? null,
          scores: [],
        };
        periods.set(r.period_id, period);
      }
      if (period.published) {
        const { period_id: periodId, code: courseCode, name: courseName, score, grade, mark } = r;
        period.scores.push(
          scoreRowView({ periodId, courseCode, courseName, score, grade, mark, passed: r.passed === 1 }),
        );
      }
    }
    return [...periods.values()];
  }

  /** The in-process run: one candidate's 成绩查询, rejecting unless the period shows published with its rows. */
  async checkMyScores(candidate: TicketBenchCandidate, periodId: number): Promise<void> {
    const view = await this.myScores(candidate.token);
    if (!view) throw new Error('token expired');
    if (!view.periods.some((p) => p.periodId === periodId && p.scores.length > 0)) throw new Error('scores not shown');
  }

  /** The public lookup from the visitor's address: the latest published period's rows; null: 未查询到成绩. */
  async publicScores(
    input: { name: string; idCardNo: string; captchaId: string; captchaAnswer: string },
    ip: string,
  ): Promise<PublicScoresAnswer | null> {
    const now = new Date();
    const idCardHash = this.services.vault.hash(input.idCardNo);
    const { answerHash, rows } = await this.lookups.load({
      bucket: `scores:ip:${ip}`,
      captchaId: input.captchaId,
      idCardHash,
    });
    if (answerHash !== hashCaptchaAnswer(input.captchaAnswer)) throw new Error('captcha refused');
    const matches = timingSafeEqual(digest(rows[0]?.person ?? ''), digest(input.name));
    const latest = this.byPeriod(rows, now).find((p) => p.published);
    if (!rows[0]?.person || !matches || !latest) return null;
    const { periodCode, periodName, scores } = latest;
    return { name: rows[0].person, idCardMasked: rows[0].id_card_masked!, periodCode, periodName, scores };
  }

  /**
   * The lookups of one turn: the hits counted and the captchas spent in one packet of two statements, and
   * meanwhile the people with their results read in one statement.
   */
  private async lookUp(lookups: readonly Lookup[]): Promise<Looked[]> {
    const windowEnd = new Date(Date.now() + 60_000);
    const [[results], [rows]] = await Promise.all([
      this.pool.query<mysql.RowDataPacket[][]>(`${countHits(lookups.length)};${SPEND_CAPTCHAS}`, [
        ...lookups.flatMap((l) => [l.bucket, windowEnd]),
        lookups.map((l) => l.captchaId),
      ]),
      this.pool.execute<PublicRow[]>(PUBLIC_SCORES, [JSON.stringify(lookups.map((l) => l.idCardHash))]),
    ]);
    const answers = new Map(
      (results[1] as Array<mysql.RowDataPacket & { id: string; answer_hash: string }>).map((r) => [
        r.id,
        r.answer_hash,
      ]),
    );
    const each = perKey(rows, lookups.length);
    return lookups.map((l, k) => {
      const answerHash = answers.get(l.captchaId);
      answers.delete(l.captchaId);
      return { answerHash, rows: each[k]! };
    });
  }

  /** The in-process run of the public lookup, rejecting when nothing is found. */
  async checkPublicScores(candidate: TicketBenchCandidate, captchaId: string, answer: string, ip: string) {
    const found = await this.publicScores({ ...candidate, captchaId, captchaAnswer: answer }, ip);
    if (!found?.scores.length) throw new Error('not found');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
