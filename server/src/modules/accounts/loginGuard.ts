import type { Transaction } from 'sequelize';
import type { Limits } from '../../config';
import { AppError } from '../../http/errors';
import { beijingTimeOfDay } from '../../lib/beijingTime';
import type { CaptchaService } from './captcha';
import type { ThrottleStore } from './throttle';

export interface LoginAttempt {
  /**
   * The account the attempt is against: the candidate or official when the name typed resolves to
   * one (every name of one account shares its lock), else the name typed, so refusals never reveal
   * whether an account exists.
   */
  accountKey: string;
  ip: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/** A candidate's account key: every ticket number and the ID number they may type share its lock. */
export const candidateAccountKey = (candidateId: number): string => `candidate:${candidateId}`;
export const officialAccountKey = (username: string): string => `official:${username}`;

const FAILURE_WINDOW_SECONDS = 3600;

const accountBucket = (accountKey: string) => `login:account:${accountKey}`;

const locked = (until: Date) => new AppError('ACCOUNT_LOCKED', { until: beijingTimeOfDay(until) });

/**
 * Soft lockout per account and per IP, and a captcha after a few failures; shared by candidates and
 * officials, and by changing a password (the old one is guessed like a login). An attempt is counted
 * against its account before the password is compared, atomically, so parallel guesses get no more
 * comparisons than sequential ones; success lifts the count. No step holds a transaction.
 */
export class LoginGuard {
  constructor(
    private readonly throttles: ThrottleStore,
    private readonly captchas: CaptchaService,
    private readonly limits: Limits['login'],
  ) {}

  private buckets(attempt: LoginAttempt) {
    return { account: accountBucket(attempt.accountKey), ip: `login:ip:${attempt.ip}` };
  }

  /**
   * Admits one comparison or refuses: a locked account or IP, or a missing captcha once the account
   * has failed enough (unless `captcha` is off: a form that shows none). The attempt is counted by a
   * count that refuses a locked account (`unlessLocked`), and the attempt that reaches the limit locks
   * the account in advance; if it succeeds, `succeeded` lifts the lock again.
   */
  async before(attempt: LoginAttempt, now = new Date(), options = { captcha: true }): Promise<void> {
    const buckets = this.buckets(attempt);
    const account = await this.throttles.peek(buckets.account, now);
    const ip = await this.throttles.peek(buckets.ip, now);
    const lockedUntil = account.lockedUntil ?? ip.lockedUntil;
    if (lockedUntil) throw locked(lockedUntil);
    if (options.captcha && this.wantsCaptcha(account.hits, ip.hits)) {
      await this.captchas.check(attempt.captchaId, attempt.captchaAnswer, now);
    }
    const rule = { windowSeconds: FAILURE_WINDOW_SECONDS, lockAt: this.limits.lockAfter, lockEnd: this.lockEnd(now) };
    if (!(await this.throttles.count(buckets.account, now, rule, true))) {
      throw locked((await this.throttles.peek(buckets.account, now)).lockedUntil ?? rule.lockEnd);
    }
  }

  /** Counts a failure against the IP (the account's was counted before) and returns the error to answer with. */
  async failed(attempt: LoginAttempt, now = new Date()): Promise<AppError> {
    const buckets = this.buckets(attempt);
    const rule = { windowSeconds: FAILURE_WINDOW_SECONDS, lockAt: this.limits.ipLockAfter, lockEnd: this.lockEnd(now) };
    await this.throttles.count(buckets.ip, now, rule);
    const account = await this.throttles.peek(buckets.account, now);
    const ip = await this.throttles.peek(buckets.ip, now);
    const lockedUntil = ip.lockedUntil ?? account.lockedUntil;
    if (lockedUntil) return locked(lockedUntil);
    return new AppError('LOGIN_FAILED', {}, { captchaRequired: this.wantsCaptcha(account.hits, ip.hits) });
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.throttles.reset(this.buckets(attempt).account);
  }

  /** Lifts an account's failures and lockout inside the caller's transaction (a password reset by an official). */
  async clearAccount(accountKey: string, transaction: Transaction): Promise<void> {
    await this.throttles.reset(accountBucket(accountKey), transaction);
  }

  /**
   * A captcha once the account has failed a few times, or once its address has: a school or county office
   * puts hundreds of candidates behind one address, so there the captcha, not a lock, slows guessing down.
   */
  private wantsCaptcha(accountHits: number, ipHits: number): boolean {
    return accountHits >= this.limits.captchaAfter || ipHits >= this.limits.ipCaptchaAfter;
  }

  private lockEnd(now: Date): Date {
    return new Date(now.getTime() + this.limits.lockMinutes * 60_000);
  }
}
