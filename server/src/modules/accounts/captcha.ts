import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import svgCaptcha from 'svg-captcha';
import { execute } from '../../db/execute';
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
  async check(
    captchaId: string | undefined,
    answer: string | undefined,
    now = new Date(),
    transaction?: Transaction,
  ): Promise<void> {
    if (!captchaId || !answer) throw new AppError('CAPTCHA_REQUIRED');
    const rows = await this.sequelize.query<{ answer_hash: string; expires_at: Date | string }>(
      'SELECT answer_hash, expires_at FROM captchas WHERE id = ? AND consumed_at IS NULL',
      { replacements: [captchaId], type: QueryTypes.SELECT, transaction },
    );
    const row = rows[0];
    if (!row) throw new AppError('CAPTCHA_INVALID');
    const consumed = await execute(this.sequelize, 'DELETE FROM captchas WHERE id = ?', [captchaId], transaction);
    if (consumed === 0 || new Date(row.expires_at) <= now || row.answer_hash !== hashCaptchaAnswer(answer)) {
      throw new AppError('CAPTCHA_INVALID');
    }
  }

  /** Deletes captchas nobody answered in time; returns how many. */
  async sweepExpired(now = new Date()): Promise<number> {
    return execute(this.sequelize, 'DELETE FROM captchas WHERE expires_at <= ?', [now]);
  }
}
