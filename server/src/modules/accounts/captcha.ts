import { createHash, randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import svgCaptcha from 'svg-captcha';
import { execute } from '../../db/execute';
import { sqlTxOf, statementsTogether, type SqlStatements } from '../../db/sqlTx';
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

/**
 * Image captchas rendered server-side; only the answer's hash is stored, each is good for one
 * check within five minutes, and its row is deleted by that check or, unused, by `sweepExpired`.
 * Each address may fetch `perIpPerMinute` a minute. `onIssued` lets the development simulator
 * show answers to tests.
 */
export class CaptchaService {
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
    const found = sql.rows<{ answer_hash: string; expires_at: Date | string }>(
      'SELECT answer_hash, expires_at FROM captchas WHERE id = ? AND consumed_at IS NULL',
      [captchaId],
    );
    const consumed = sql.run('DELETE FROM captchas WHERE id = ? AND consumed_at IS NULL', [captchaId]);
    return Promise.all([found, consumed]).then(([[row], { affectedRows }]) => {
      if (!row || affectedRows === 0) throw new AppError('CAPTCHA_INVALID');
      if (new Date(row.expires_at) <= now || row.answer_hash !== hashCaptchaAnswer(answer)) {
        throw new AppError('CAPTCHA_INVALID');
      }
    });
  }

  /** Deletes captchas nobody answered in time; returns how many. */
  async sweepExpired(now = new Date()): Promise<number> {
    return execute(this.sequelize, 'DELETE FROM captchas WHERE expires_at <= ?', [now]);
  }
}
