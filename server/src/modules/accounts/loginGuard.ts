import type { Sequelize, Transaction } from 'sequelize';
import type { Limits } from '../../config';
import { AppError } from '../../http/errors';
import { beijingTimeOfDay } from '../../lib/beijingTime';
import type { CaptchaService } from './captcha';
import type { ThrottleStore } from './throttle';

export interface LoginAttempt {
  /** Identifies the account typed, whether or not it exists, so refusals never reveal existence. */
  accountKey: string;
  ip: string;
  captchaId?: string;
  captchaAnswer?: string;
}

const FAILURE_WINDOW_SECONDS = 3600;

const accountBucket = (accountKey: string) => `login:account:${accountKey}`;

/** Soft lockout per account and per IP, and a captcha after a few failures; shared by candidates and officials. */
export class LoginGuard {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly throttles: ThrottleStore,
    private readonly captchas: CaptchaService,
    private readonly limits: Limits['login'],
  ) {}

  private buckets(attempt: LoginAttempt) {
    return { account: accountBucket(attempt.accountKey), ip: `login:ip:${attempt.ip}` };
  }

  /** Refuses a locked account or IP; wants a captcha once the account has failed enough. */
  async before(attempt: LoginAttempt, now = new Date()): Promise<void> {
    const buckets = this.buckets(attempt);
    const [account, ip] = await this.sequelize.transaction(async (t) => [
      await this.throttles.lock(buckets.account, now, t),
      await this.throttles.lock(buckets.ip, now, t),
    ]);
    const lockedUntil = account.lockedUntil ?? ip.lockedUntil;
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { until: beijingTimeOfDay(lockedUntil) });
    if (account.hits >= this.limits.captchaAfter) {
      await this.captchas.check(attempt.captchaId, attempt.captchaAnswer, now);
    }
  }

  /** Counts a failure and returns the error to answer with. */
  async failed(attempt: LoginAttempt, now = new Date()): Promise<AppError> {
    const buckets = this.buckets(attempt);
    return this.sequelize.transaction(async (t) => {
      const account = await this.throttles.hit(buckets.account, now, FAILURE_WINDOW_SECONDS, t);
      const ip = await this.throttles.hit(buckets.ip, now, FAILURE_WINDOW_SECONDS, t);
      const until = new Date(now.getTime() + this.limits.lockMinutes * 60_000);
      if (account.hits >= this.limits.lockAfter) await this.throttles.lockUntil(buckets.account, until, t);
      if (ip.hits >= this.limits.ipLockAfter) await this.throttles.lockUntil(buckets.ip, until, t);
      if (account.hits >= this.limits.lockAfter || ip.hits >= this.limits.ipLockAfter) {
        return new AppError('ACCOUNT_LOCKED', { until: beijingTimeOfDay(until) });
      }
      return new AppError('LOGIN_FAILED', {}, { captchaRequired: account.hits >= this.limits.captchaAfter });
    });
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.sequelize.transaction((t) => this.throttles.reset(this.buckets(attempt).account, t));
  }

  /** Lifts an account's failures and lockout inside the caller's transaction (a password reset by an official). */
  async clearAccount(accountKey: string, transaction: Transaction): Promise<void> {
    await this.throttles.reset(accountBucket(accountKey), transaction);
  }
}
