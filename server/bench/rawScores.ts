import { createHash, timingSafeEqual } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { Services } from '../src/services';
import type { TicketBenchCandidate } from './ticketsData';

/** The account's token version and every result of the candidate with its course, in one statement. */
const MY_SCORES = `
  SELECT ca.token_version, s.period_id, c.code, c.name, s.score, s.grade, s.mark, s.passed
    FROM candidates ca
    LEFT JOIN scores s ON s.candidate_id = ca.id
    LEFT JOIN courses c ON c.id = s.course_id
   WHERE ca.id = ?
   ORDER BY s.period_id DESC, c.code`;

/** The person by the keyed hash of their ID number, with every result, in one statement. */
const PUBLIC_SCORES = `
  SELECT ca.name AS person, ca.id_card_masked, s.period_id, c.code, c.name, s.score, s.grade, s.mark, s.passed
    FROM candidates ca
    LEFT JOIN scores s ON s.candidate_id = ca.id
    LEFT JOIN courses c ON c.id = s.course_id
   WHERE ca.id_card_hash = ?
   ORDER BY s.period_id DESC, c.code`;

/** One hit on the address's minute counter, in one statement. */
const COUNT_HIT = `
  INSERT INTO throttles (bucket, hits, window_ends_at) VALUES (?, 1, ?)
  ON DUPLICATE KEY UPDATE hits = IF(window_ends_at > VALUES(window_ends_at) - INTERVAL 60 SECOND, hits + 1, 1)`;

interface Period {
  id: number;
  publishAt: Date | null;
}
type ScoreRow = mysql.RowDataPacket & { period_id: number | null; score: number | null; passed: number };

const digest = (text: string) => createHash('sha256').update(text.trim()).digest();

/**
 * bench:scores' fair comparator: the same reads done the plainest way in the bench process — the token
 * verified, one mysql2 statement for the account and its results, periods held in memory as the server's
 * catalog cache holds them, the publish time checked against the clock. The public variant counts the
 * address's hit, spends the captcha (DELETE … RETURNING), finds the person by the ID hash and compares the
 * name. No HTTP, no Koa, no Sequelize: `ratio` says what those layers cost.
 */
export class RawScores {
  private constructor(
    private readonly pool: mysql.Pool,
    private readonly periods: Map<number, Period>,
    private readonly services: Pick<Services, 'tokens' | 'vault'>,
  ) {}

  static async open(
    databaseUrl: string,
    options: { poolSize: number; services: Pick<Services, 'tokens' | 'vault'> },
  ): Promise<RawScores> {
    const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: options.poolSize, timezone: 'Z' });
    const opened = await Promise.all(Array.from({ length: options.poolSize }, () => pool.getConnection()));
    for (const conn of opened) conn.release();
    const [rows] = await pool.query<Array<mysql.RowDataPacket & { id: number; scores_publish_at: Date | null }>>(
      'SELECT id, scores_publish_at FROM exam_periods',
    );
    const periods = new Map(rows.map((r) => [r.id, { id: r.id, publishAt: r.scores_publish_at }]));
    return new RawScores(pool, periods, options.services);
  }

  private published(periodId: number | null, now: Date): boolean {
    const at = periodId === null ? null : this.periods.get(periodId)?.publishAt;
    return at != null && at <= now;
  }

  /** 成绩查询 of a logged-in candidate; rejects unless the period shows published with its rows. */
  async myScores(candidate: TicketBenchCandidate, periodId: number): Promise<void> {
    const claims = this.services.tokens.verify('candidate-access', candidate.token);
    const [rows] = await this.pool.query<Array<ScoreRow & { token_version: number }>>(MY_SCORES, [Number(claims.sub)]);
    if (rows[0]?.token_version !== claims.ver) throw new Error('token expired');
    const now = new Date();
    const shown = rows.filter((r) => r.period_id === periodId && this.published(r.period_id, now));
    if (shown.length === 0) throw new Error('scores not shown');
  }

  /** The public lookup of one visitor from their own address. */
  async publicScores(candidate: TicketBenchCandidate, captchaId: string, answer: string, ip: string): Promise<void> {
    const now = new Date();
    await this.pool.query(COUNT_HIT, [`scores:ip:${ip}`, new Date(now.getTime() + 60_000)]);
    const [spent] = await this.pool.query<Array<mysql.RowDataPacket & { answer_hash: string }>>(
      'DELETE FROM captchas WHERE id = ? AND consumed_at IS NULL RETURNING answer_hash',
      [captchaId],
    );
    if (spent[0]?.answer_hash !== createHash('sha256').update(answer.trim().toLowerCase()).digest('hex')) {
      throw new Error('captcha refused');
    }
    const [rows] = await this.pool.query<Array<ScoreRow & { person: string }>>(PUBLIC_SCORES, [
      this.services.vault.hash(candidate.idCardNo),
    ]);
    if (!rows[0] || !timingSafeEqual(digest(rows[0].person), digest(candidate.name))) throw new Error('not found');
    const latest = rows.find((r) => this.published(r.period_id, now))?.period_id;
    if (latest == null || !rows.some((r) => r.period_id === latest)) throw new Error('not found');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
