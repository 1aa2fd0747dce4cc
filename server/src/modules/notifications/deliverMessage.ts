import { SmsSendError } from '../accounts/sms/smsSender';
import { WechatApiError } from '../accounts/wechat/wechatClient';
import { statementsTogether } from '../../db/sqlTx';
import { smsAlways } from './eventSettingsRepository';
import type { NotificationData, RenderedMessage } from './messages';
import { renderMessage } from './messages';
import type { NotificationsDeps } from './notificationsDeps';
import {
  dropSubscriptions,
  returnSubscription,
  smsSentSince,
  takeSubscription,
  type AttemptRecord,
  type ClaimedMessage,
} from './outboxRepository';
import { smsAllowedFrom } from './quietHours';

/** Tries that reach a provider before a message is given up. */
export const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** 1, 2, 4, 8… minutes after the n-th failed try, at most an hour. */
export const backoffMs = (attempts: number) =>
  Math.min(BACKOFF_BASE_MS * 2 ** Math.max(attempts - 1, 0), BACKOFF_MAX_MS);

export interface DeliveryOutcome {
  attempts: AttemptRecord[];
  state: 'pending' | 'sent' | 'failed' | 'skipped';
  channel: 'wechat' | 'sms' | null;
  /** How many tries reached a provider (a quiet-hours deferral does not count). */
  tries: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

/** WeChat refused for good: the user has no subscription of the template (43101) or the openid is wrong (40003). */
const SUBSCRIPTION_GONE = new Set([43101, 40003]);
/** Our data broke the template's rules: no retry helps. */
const BAD_DATA = 47003;
/** Tencent Cloud codes no retry changes (a bad number, a refused template, a blacklisted phone…). */
const PERMANENT_SMS =
  /^(InvalidParameter|UnauthorizedOperation|FailedOperation\.(PhoneNumberInBlacklist|TemplateIncorrectOrUnapproved|ContainSensitiveWord|SignatureIncorrectOrUnapproved))/;

function retryOrFail(message: ClaimedMessage, attempts: AttemptRecord[], tries: number, error: string, now: Date) {
  const total = message.attempts + tries;
  const give = total >= MAX_ATTEMPTS;
  return {
    attempts,
    state: give ? 'failed' : 'pending',
    tries,
    nextAttemptAt: give ? now : new Date(now.getTime() + backoffMs(total)),
    lastError: error,
  } as const;
}

/**
 * Delivers one claimed message: by subscribe message when the candidate's WeChat user has an accepted
 * one-time subscription of the event's template, otherwise (or when WeChat refuses for good) by SMS notice,
 * unless the candidate refused SMS or it is quiet hours (then it waits for 08:00). A passing failure
 * (busy, network, token still refused after one refresh, SMS rate limit) is tried again with backoff.
 * An event officials marked 短信同时发送 goes by SMS as well after its subscribe message, by the same rules.
 */
export async function deliverMessage(
  deps: NotificationsDeps,
  message: ClaimedMessage,
  now: Date,
): Promise<DeliveryOutcome> {
  const rendered = renderMessage(message.event, message.data as NotificationData[typeof message.event]);
  const attempts: AttemptRecord[] = [];
  let tries = 0;
  const template = deps.notifications.wechatTemplates[message.event];
  const { sequelize } = deps.db;
  const openid = message.openid;
  let wechatSent = message.wechatSent;
  if (
    !wechatSent &&
    openid &&
    template &&
    (await statementsTogether(sequelize, (sql) => takeSubscription(sql, openid, template)))
  ) {
    tries += 1;
    try {
      await deps.wechat.sendSubscribeMessage({
        touser: openid,
        template_id: template,
        page: rendered.page,
        data: rendered.wechat,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      });
      attempts.push({ channel: 'wechat', outcome: 'sent' });
      if (!(await statementsTogether(sequelize, (sql) => smsAlways(sql, message.event)))) {
        return { attempts, state: 'sent', channel: 'wechat', tries, nextAttemptAt: now, lastError: null };
      }
      wechatSent = true;
    } catch (error) {
      const errcode = error instanceof WechatApiError ? error.errcode : null;
      const text = error instanceof Error ? error.message : String(error);
      if (errcode !== null && SUBSCRIPTION_GONE.has(errcode)) {
        await statementsTogether(sequelize, (sql) => dropSubscriptions(sql, openid, template));
        attempts.push({ channel: 'wechat', outcome: 'refused', errorCode: String(errcode), error: text });
      } else {
        await statementsTogether(sequelize, (sql) => returnSubscription(sql, openid, template));
        if (errcode !== BAD_DATA) {
          attempts.push({
            channel: 'wechat',
            outcome: 'retry',
            errorCode: errcode === null ? null : String(errcode),
            error: text,
          });
          return { ...retryOrFail(message, attempts, tries, text, now), channel: 'wechat' };
        }
        attempts.push({ channel: 'wechat', outcome: 'failed', errorCode: String(errcode), error: text });
      }
    }
  }

  const outcome = await smsNotice(deps, message, rendered, { attempts, tries, now });
  if (!wechatSent || outcome.state === 'sent' || outcome.state === 'pending') return outcome;
  // The subscribe message went: an SMS that could not follow it leaves the message sent, its reason noted.
  return { ...outcome, state: 'sent', channel: outcome.channel ?? 'wechat' };
}

/** The SMS notice of a message (instead of a subscribe message, or after one), given the attempts so far. */
async function smsNotice(
  deps: NotificationsDeps,
  message: ClaimedMessage,
  rendered: RenderedMessage,
  sofar: { attempts: AttemptRecord[]; tries: number; now: Date },
): Promise<DeliveryOutcome> {
  const { attempts, now } = sofar;
  let tries = sofar.tries;
  const { sequelize } = deps.db;
  const smsTemplate = deps.notifications.smsTemplates[message.event];
  const wechatFailed = attempts.some((attempt) => attempt.outcome !== 'sent');
  if (!message.phone || message.smsOptOut || !smsTemplate) {
    const why = !message.phone ? '未绑定手机' : message.smsOptOut ? '考生已退订短信通知' : '该事件未配置短信模板';
    attempts.push({ channel: 'none', outcome: 'skipped', error: why });
    const lastError = wechatFailed ? `${attempts[0]!.error ?? ''}；${why}` : why;
    return {
      attempts,
      state: wechatFailed ? 'failed' : 'skipped',
      channel: null,
      tries,
      nextAttemptAt: now,
      lastError,
    };
  }
  const allowed = smsAllowedFrom(now);
  if (allowed > now) {
    attempts.push({ channel: 'sms', outcome: 'deferred', error: '夜间免打扰，次日8:00发送' });
    return { attempts, state: 'pending', channel: 'sms', tries, nextAttemptAt: allowed, lastError: null };
  }
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const sentToday = await statementsTogether(sequelize, (sql) => smsSentSince(sql, message.candidateId, dayAgo));
  if (sentToday >= deps.notifications.smsPerPhoneDaily) {
    attempts.push({ channel: 'sms', outcome: 'deferred', error: '24小时内短信通知已达上限，稍后发送' });
    const later = new Date(now.getTime() + 3600_000);
    return { attempts, state: 'pending', channel: 'sms', tries, nextAttemptAt: later, lastError: null };
  }
  tries += 1;
  try {
    await deps.smsSender.sendNotice(message.phone, smsTemplate, rendered.sms);
    attempts.push({ channel: 'sms', outcome: 'sent' });
    return { attempts, state: 'sent', channel: 'sms', tries, nextAttemptAt: now, lastError: null };
  } catch (error) {
    const code = error instanceof SmsSendError ? error.providerCode : null;
    const text = error instanceof Error ? error.message : String(error);
    if (code && PERMANENT_SMS.test(code)) {
      attempts.push({ channel: 'sms', outcome: 'failed', errorCode: code, error: text });
      return { attempts, state: 'failed', channel: 'sms', tries, nextAttemptAt: now, lastError: `${code}: ${text}` };
    }
    attempts.push({ channel: 'sms', outcome: 'retry', errorCode: code, error: text });
    return { ...retryOrFail(message, attempts, tries, code ? `${code}: ${text}` : text, now), channel: 'sms' };
  }
}
