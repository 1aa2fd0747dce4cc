import { createHmac, randomInt } from 'node:crypto';
import type { SmsPurpose } from '@kaowei/shared';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Limits } from '../../../config';
import { execute } from '../../../db/execute';
import { AppError } from '../../../http/errors';
import type { Logger } from '../../../logger';
import { smsDeliveryFailed, smsRefused, smsSent } from '../../../metrics/registry';
import type { CaptchaService } from '../captcha';
import type { ThrottleStore } from '../throttle';
import { transactionKeepingRefusals } from '../../../db/keepRefusals';
import { inTransaction, lockRows, type SqlTx } from '../../../db/sqlTx';
import { SmsSendError, type SmsSender } from './smsSender';

export type SmsLimits = Limits['sms'];

export interface SendCodeRequest {
  phone: string;
  purpose: SmsPurpose;
  ip: string;
  captchaId?: string;
  captchaAnswer?: string;
  /** The caller has checked (and used up) the captcha given: it also answers the per-address captcha. */
  captchaChecked?: boolean;
  /**
   * `wait` (default): answer once the provider has the SMS. `background`: answer first, so the time
   * taken says nothing about whether an SMS went out. `none`: a decoy, counted against every limit
   * like a real code but stored used up, and never sent.
   */
  delivery?: 'wait' | 'background' | 'none';
}

/** A code row locked by `lockCode`, for `tryCode`. */
export interface LockedCode {
  id: number;
  code_hash: string;
  attempts: number;
  live: number | boolean;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * SMS verification codes: 6 digits, single use, bound to a phone and a purpose, stored as an HMAC.
 * Sending limits are counted from the `sms_codes` rows under a per-phone lock, so they hold across
 * server instances; the provider is called after the transaction, holding no lock.
 */
export class SmsCodeService {
  /** SMS sent after answering (`delivery: 'background'`), until the provider has them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly throttles: ThrottleStore,
    private readonly captchas: CaptchaService,
    private readonly sender: SmsSender,
    private readonly limits: SmsLimits,
    private readonly hashKey: Buffer,
    private readonly logger: Logger,
  ) {}

  /** How a code is stored; public so the rush benchmark can issue codes without sending SMS. */
  hash(phone: string, purpose: SmsPurpose, code: string): string {
    return createHmac('sha256', this.hashKey).update(`${phone}:${purpose}:${code}`).digest('hex');
  }

  /** Returns the seconds until another code may be requested. */
  async send(request: SendCodeRequest, now = new Date()): Promise<{ resendAfterSeconds: number }> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const delivery = request.delivery ?? 'wait';
    // A refusal still commits, so a captcha checked on the way stays used up.
    const codeId = await transactionKeepingRefusals(this.sequelize, async (transaction) => {
      await this.throttles.lock(`sms:phone:${request.phone}`, now, transaction);
      await this.throttles.lock(`sms:ip:${request.ip}`, now, transaction);
      await this.enforceLimits(request, now, transaction);
      const [id] = await this.sequelize.query(
        `INSERT INTO sms_codes (phone, purpose, code_hash, ip, attempts, expires_at, created_at, consumed_at)
         VALUES (?, ?, ?, ?, 0, ?, ?, ?)`,
        {
          replacements: [
            request.phone,
            request.purpose,
            this.hash(request.phone, request.purpose, code),
            request.ip,
            new Date(now.getTime() + this.limits.codeTtlSeconds * 1000),
            now,
            delivery === 'none' ? now : null,
          ],
          type: QueryTypes.INSERT,
          transaction,
        },
      );
      return Number(id);
    }).catch((error: unknown) => {
      if (error instanceof AppError) smsRefused.inc({ reason: error.code });
      throw error;
    });
    if (delivery === 'wait') await this.deliver(request, code, codeId);
    if (delivery === 'background') {
      // Started once the answer is on its way, so not even the request's signing delays it.
      const tracked = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.deliver(request, code, codeId))
        .catch(() => undefined)
        .finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
    }
    return { resendAfterSeconds: this.limits.resendSeconds };
  }

  /** Resolves once every SMS sent in the background has reached the provider (or failed): tests, shutdown. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async deliver(request: SendCodeRequest, code: string, codeId: number): Promise<void> {
    try {
      await this.sender.sendVerificationCode(request.phone, code, Math.round(this.limits.codeTtlSeconds / 60));
      smsSent.inc({ purpose: request.purpose });
    } catch (error) {
      smsDeliveryFailed.inc({ purpose: request.purpose });
      // A code that never reached the phone neither counts against the limits nor stays usable.
      await execute(this.sequelize, 'DELETE FROM sms_codes WHERE id = ?', [codeId]);
      this.logger.warn({ err: error, phone: request.phone, purpose: request.purpose }, 'SMS provider refused');
      if (error instanceof SmsSendError && error.providerCode.startsWith('LimitExceeded')) {
        throw new AppError('SMS_LIMIT_REACHED');
      }
      throw new AppError('SMS_SEND_FAILED');
    }
  }

  private async enforceLimits(request: SendCodeRequest, now: Date, transaction: Transaction): Promise<void> {
    const hourAgo = new Date(now.getTime() - HOUR);
    // Counted in the database: an address shared by a whole school may have thousands of codes a day.
    // A phone's limits are per purpose, so codes others can make go to a phone (a forgotten-password or
    // registration request naming it) never keep its owner from the code to hold seats.
    const [sent] = await this.sequelize.query<{
      phoneDay: number | string | null;
      phoneHour: number | string | null;
      phoneLast: Date | string | null;
      ipDay: number | string | null;
      ipHour: number | string | null;
    }>(
      `SELECT SUM(phone = ? AND purpose = ?) AS phoneDay, SUM(phone = ? AND purpose = ? AND created_at > ?) AS phoneHour,
              MAX(CASE WHEN phone = ? AND purpose = ? THEN created_at END) AS phoneLast,
              SUM(ip = ?) AS ipDay, SUM(ip = ? AND created_at > ?) AS ipHour
         FROM sms_codes WHERE (phone = ? OR ip = ?) AND created_at > ?`,
      {
        replacements: [
          request.phone,
          request.purpose,
          request.phone,
          request.purpose,
          hourAgo,
          request.phone,
          request.purpose,
          request.ip,
          request.ip,
          hourAgo,
          request.phone,
          request.ip,
          new Date(now.getTime() - DAY),
        ],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    const ipHour = Number(sent?.ipHour ?? 0);
    const last = sent?.phoneLast ? new Date(sent.phoneLast).getTime() : 0;
    const waitMs = last + this.limits.resendSeconds * 1000 - now.getTime();
    if (waitMs > 0) throw new AppError('SMS_TOO_FREQUENT', { seconds: Math.ceil(waitMs / 1000) });
    if (
      Number(sent?.phoneHour ?? 0) >= this.limits.perPhoneHourly ||
      Number(sent?.phoneDay ?? 0) >= this.limits.perPhoneDaily
    ) {
      throw new AppError('SMS_LIMIT_REACHED');
    }
    if (ipHour >= this.limits.perIpHourly || Number(sent?.ipDay ?? 0) >= this.limits.perIpDaily) {
      throw new AppError('RATE_LIMITED');
    }
    if (!request.captchaChecked && ipHour >= this.limits.ipCaptchaAfter) {
      await this.captchas.check(request.captchaId, request.captchaAnswer, now, transaction);
    }
  }

  /**
   * Uses up a code: the newest unconsumed one for this phone and purpose, in its own transaction.
   * Callers check what they can before, since a used code is gone even if the operation is then refused.
   */
  async consume(phone: string, purpose: SmsPurpose, code: string, now = new Date()): Promise<void> {
    await inTransaction(this.sequelize, (tx) => this.consumeIn(tx, phone, purpose, code, now), { keepRefusals: true });
  }

  /**
   * Uses up a code inside the caller's transaction, which must commit on SMS_CODE_INVALID (see
   * `inTransaction`'s keepRefusals) so the try stays counted.
   */
  async consumeIn(tx: SqlTx, phone: string, purpose: SmsPurpose, code: string, now = new Date()): Promise<void> {
    const attempt = this.tryCode(tx, await this.lockCode(tx, { phone }, purpose, now), { phone, purpose, code }, now);
    await attempt.written;
    if (!attempt.matches) throw new AppError('SMS_CODE_INVALID');
  }

  /**
   * The newest unconsumed code of a phone and purpose, locked until the transaction ends, so parallel
   * guesses queue on it and get no more comparisons than `maxWrongTries` in all.
   */
  async lockCode(
    tx: SqlTx,
    owner: { phone: string } | { candidateId: number },
    purpose: SmsPurpose,
    now = new Date(),
  ): Promise<LockedCode | null> {
    // By candidate: the phone is read in the same statement, so the caller needs no round trip for it.
    const [phone, key] =
      'phone' in owner ? ['?', owner.phone] : ['(SELECT phone FROM candidates WHERE id = ?)', owner.candidateId];
    const [row] = await tx.rows<LockedCode>(
      `SELECT id, code_hash, attempts, expires_at > ? AS live FROM sms_codes
        WHERE phone = ${phone} AND purpose = ? AND consumed_at IS NULL ORDER BY id DESC LIMIT 1${lockRows(tx)}`,
      [now, key, purpose],
    );
    return row ?? null;
  }

  /**
   * One try of a locked code: counted, and the code used up if it matches. The UPDATE is asked for at once
   * and not awaited, so the caller's next statements travel with it; `written` settles when it is done.
   * SMS_CODE_EXPIRED (nothing written) when the code is gone, expired or out of tries.
   */
  tryCode(
    tx: SqlTx,
    locked: LockedCode | null,
    input: { phone: string; purpose: SmsPurpose; code: string },
    now = new Date(),
  ): { matches: boolean; written: Promise<unknown> } {
    if (!locked || !Number(locked.live) || locked.attempts >= this.limits.maxWrongTries) {
      throw new AppError('SMS_CODE_EXPIRED');
    }
    const matches = locked.code_hash === this.hash(input.phone, input.purpose, input.code);
    const written = tx.run('UPDATE sms_codes SET attempts = attempts + 1, consumed_at = ? WHERE id = ?', [
      matches ? now : null,
      locked.id,
    ]);
    return { matches, written };
  }
}
