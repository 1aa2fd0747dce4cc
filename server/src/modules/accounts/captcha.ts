import { createHash, randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { Sequelize, Transaction } from 'sequelize';
import svgCaptcha from 'svg-captcha';
import { execute } from '../../db/execute';
import { requestBatcher } from '../../db/fastReads';
import { inTransaction, lockRows, sqlTxOf, statementsTogether, type SqlStatements } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import type { ThrottleStore } from './throttle';

const LIFETIME_MS = 5 * 60 * 1000;
const ISSUE_WINDOW_SECONDS = 60;

export interface IssuedCaptcha {
  captchaId: string;
  /** An SVG image as a data URI, ready for an <Image src>. */
  image: string;
  expiresAt: Date;
}

export const hashCaptchaAnswer = (answer: string) =>
  createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');

type CaptchaRow = { answer_hash: string; expires_at: Date | string };

/** A spent captcha's row (none: unknown, or spent before) against the answer given. */
function verify(row: CaptchaRow | undefined, answer: string, now: Date): void {
  if (!row || new Date(row.expires_at) <= now || row.answer_hash !== hashCaptchaAnswer(answer)) {
    throw new AppError('CAPTCHA_INVALID');
  }
}

/**
 * Image captchas rendered server-side; only the answer's hash is stored, each is good for one
 * check within five minutes, and its row is deleted by that check or, unused, by `sweepExpired`.
 * Each address may fetch `perIpPerMinute` a minute. `onIssued` lets the development simulator
 * show answers to tests.
 */
export class CaptchaService {
  private spender?: DataLoader<string, CaptchaRow | undefined>;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly throttles: ThrottleStore,
    private readonly perIpPerMinute: number,
    private readonly onIssued?: (captchaId: string, answer: string) => Promise<void> | void,
  ) {}

  async issue(ip: string, now = new Date()): Promise<IssuedCaptcha> {
    const { text, data } = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', background: '#f4f6f8' });
    const captchaId = randomUUID();
    const expiresAt = new Date(now.getTime() + LIFETIME_MS);
    const bucket = `captcha:ip:${ip}`;
    await this.throttles.count(bucket, now, { windowSeconds: ISSUE_WINDOW_SECONDS });
    if ((await this.throttles.peek(bucket, now)).hits > this.perIpPerMinute) throw new AppError('RATE_LIMITED');
    await this.sequelize.query('INSERT INTO captchas (id, answer_hash, expires_at, created_at) VALUES (?, ?, ?, ?)', {
      replacements: [captchaId, hashCaptchaAnswer(text), expiresAt, now],
    });
    await this.onIssued?.(captchaId, text);
    return { captchaId, image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`, expiresAt };
  }

  /**
   * Uses up the captcha whatever the answer, so one image allows one guess. Inside a caller's
   * transaction, pass it: the check then runs on that transaction's connection.
   */
  check(
    captchaId: string | undefined,
    answer: string | undefined,
    now = new Date(),
    transaction?: Transaction,
  ): Promise<void> {
    const spend = (sql: SqlStatements) => this.spend(sql, captchaId, answer, now);
    return transaction ? spend(sqlTxOf(this.sequelize, transaction)) : statementsTogether(this.sequelize, spend);
  }

  /**
   * `check` on the caller's statements: the read and the delete are asked for at once, so they share the
   * round trip of whatever else the caller asks for in the same turn (and run before it).
   */
  spend(sql: SqlStatements, captchaId: string | undefined, answer: string | undefined, now: Date): Promise<void> {
    if (!captchaId || !answer) return Promise.reject(new AppError('CAPTCHA_REQUIRED'));
    const found = sql.rows<CaptchaRow>(
      'SELECT answer_hash, expires_at FROM captchas WHERE id = ? AND consumed_at IS NULL',
      [captchaId],
    );
    const consumed = sql.run('DELETE FROM captchas WHERE id = ? AND consumed_at IS NULL', [captchaId]);
    return Promise.all([found, consumed]).then(([[row], { affectedRows }]) =>
      verify(affectedRows === 0 ? undefined : row, answer, now),
    );
  }

  /**
   * `check` for a crowd (the public 成绩查询): the captchas of the requests that arrive together are spent
   * in one transaction of one round trip, their rows locked, read and deleted at once. A captcha sent twice
   * goes to the first; one a concurrent batch spends goes to that one.
   */
  spendTogether(captchaId: string | undefined, answer: string | undefined, now: Date): Promise<void> {
    if (!captchaId || !answer) return Promise.reject(new AppError('CAPTCHA_REQUIRED'));
    this.spender ??= requestBatcher((ids: readonly string[]) => this.spendMany(ids));
    return this.spender.load(captchaId).then((row) => verify(row, answer, now));
  }

  private async spendMany(ids: readonly string[]): Promise<Array<CaptchaRow | undefined>> {
    const rows = await inTransaction(this.sequelize, async (tx) => {
      const found = tx.rows<CaptchaRow & { id: string }>(
        `SELECT id, answer_hash, expires_at FROM captchas WHERE id IN (?) AND consumed_at IS NULL${lockRows(tx)}`,
        [ids],
      );
      const deleted = tx.run('DELETE FROM captchas WHERE id IN (?) AND consumed_at IS NULL', [ids]);
      const [spent] = await Promise.all([found, deleted, tx.commitWithLast()]);
      return spent;
    });
    const unspent = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = unspent.get(id);
      unspent.delete(id);
      return row;
    });
  }

  /** Deletes captchas nobody answered in time; returns how many. */
  async sweepExpired(now = new Date()): Promise<number> {
    return execute(this.sequelize, 'DELETE FROM captchas WHERE expires_at <= ?', [now]);
  }
}
