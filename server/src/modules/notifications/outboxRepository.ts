import type { NotificationEvent } from '@kaowei/shared';
import type { SqlStatements, SqlTx } from '../../db/sqlTx';
import type { OutboxMessage } from './messages';

const insertIgnore = (tx: Pick<SqlTx, 'dialect'>) => (tx.dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE');

export async function insertMessages(tx: SqlTx, messages: OutboxMessage[], now: Date): Promise<number> {
  const rows = messages.map(() => `(?, ?, ?, ?, 'pending', 0, ?, ?, ?)`).join(', ');
  const params = messages.flatMap((m) => [
    m.candidateId,
    m.event,
    m.dedupeKey,
    JSON.stringify(m.data),
    m.notBefore && m.notBefore > now ? m.notBefore : now,
    now,
    now,
  ]);
  const { affectedRows } = await tx.run(
    `${insertIgnore(tx)} INTO outbox_messages
       (candidate_id, event, dedupe_key, data, state, attempts, next_attempt_at, created_at, updated_at) VALUES ${rows}`,
    params,
  );
  return affectedRows;
}

/** A claimed message with what delivery needs about its candidate. */
export interface ClaimedMessage {
  id: number;
  candidateId: number;
  event: NotificationEvent;
  data: unknown;
  attempts: number;
  openid: string | null;
  phone: string | null;
  smsOptOut: boolean;
  /** A subscribe message of it went on an earlier try (its SMS notice as well was put off). */
  wechatSent: boolean;
}

interface ClaimedRow {
  id: number;
  candidate_id: number;
  event: NotificationEvent;
  data: unknown;
  attempts: number;
  wechat_openid: string | null;
  phone: string | null;
  sms_opt_out_at: Date | null;
  wechat_sent: number | string;
}

/**
 * Takes up to `limit` due messages for one worker: pending ones whose time has come, and sending ones whose
 * worker's lease ran out (it died mid-batch). SKIP LOCKED lets workers on other instances take the next rows
 * at the same moment instead of waiting; the claim id makes this worker the only one that may record them.
 */
export async function claimDue(
  tx: SqlTx,
  claim: { claimId: string; now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedMessage[]> {
  // One ordered range of the (state, next_attempt_at) index per state, forced: a locking read locks every row
  // it examines, so a scan of the table would lock (and make other workers skip) far more than the batch.
  const mysql = tx.dialect === 'mysql';
  const due: Array<{ id: number }> = [];
  for (const state of ['sending', 'pending']) {
    if (due.length >= claim.limit) break;
    due.push(
      ...(await tx.rows<{ id: number }>(
        `SELECT id FROM outbox_messages${mysql ? ' FORCE INDEX (outbox_messages_due)' : ''}
          WHERE state = ? AND next_attempt_at <= ?
          ORDER BY next_attempt_at LIMIT ${Number(claim.limit - due.length)}${mysql ? ' FOR UPDATE SKIP LOCKED' : ''}`,
        [state, claim.now],
      )),
    );
  }
  if (due.length === 0) return [];
  const ids = due.map((row) => Number(row.id));
  const marks = ids.map(() => '?').join(', ');
  await tx.run(
    `UPDATE outbox_messages SET state = 'sending', claim_id = ?, next_attempt_at = ?, updated_at = ? WHERE id IN (${marks})`,
    [claim.claimId, claim.leaseUntil, claim.now, ...ids],
  );
  const rows = await tx.rows<ClaimedRow>(
    `SELECT m.id, m.candidate_id, m.event, m.data, m.attempts, c.wechat_openid, c.phone, c.sms_opt_out_at,
            EXISTS (SELECT 1 FROM outbox_attempts a
                     WHERE a.message_id = m.id AND a.channel = 'wechat' AND a.outcome = 'sent') AS wechat_sent
       FROM outbox_messages m JOIN candidates c ON c.id = m.candidate_id WHERE m.id IN (${marks}) ORDER BY m.id`,
    ids,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    candidateId: row.candidate_id,
    event: row.event,
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data,
    attempts: row.attempts,
    openid: row.wechat_openid,
    phone: row.phone,
    smsOptOut: row.sms_opt_out_at !== null,
    wechatSent: Number(row.wechat_sent) === 1,
  }));
}

/** How one delivery try ended: recorded as an attempt, and moving the message on. */
export interface AttemptRecord {
  channel: 'wechat' | 'sms' | 'none';
  outcome: 'sent' | 'retry' | 'failed' | 'refused' | 'deferred' | 'skipped';
  errorCode?: string | null;
  error?: string | null;
}

export async function recordAttempt(
  sql: SqlStatements,
  messageId: number,
  claimId: string,
  attempt: AttemptRecord,
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO outbox_attempts (message_id, claim_id, channel, outcome, error_code, error, attempted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      messageId,
      claimId,
      attempt.channel,
      attempt.outcome,
      attempt.errorCode ?? null,
      attempt.error?.slice(0, 255) ?? null,
      now,
    ],
  );
}

/**
 * The message's next state, only if this worker's claim still holds it (a worker whose lease ran out and was
 * overtaken records nothing). `tries`: how many tries reached a provider. False when the claim was lost.
 */
export async function settleMessage(
  sql: SqlStatements,
  messageId: number,
  claimId: string,
  next: {
    state: 'pending' | 'sent' | 'failed' | 'skipped';
    channel: 'wechat' | 'sms' | null;
    tries: number;
    nextAttemptAt: Date;
    lastError: string | null;
    now: Date;
  },
): Promise<boolean> {
  const { affectedRows } = await sql.run(
    `UPDATE outbox_messages SET state = ?, channel = COALESCE(?, channel), attempts = attempts + ?,
        next_attempt_at = ?, last_error = ?, sent_at = ?, claim_id = NULL, updated_at = ?
      WHERE id = ? AND claim_id = ? AND state = 'sending'`,
    [
      next.state,
      next.channel,
      next.tries,
      next.nextAttemptAt,
      next.lastError?.slice(0, 255) ?? null,
      next.state === 'sent' ? next.now : null,
      next.now,
      messageId,
      claimId,
    ],
  );
  return affectedRows === 1;
}

/** Uses one accepted one-time subscription of the template; false when none is left. */
export async function takeSubscription(sql: SqlStatements, openid: string, templateId: string): Promise<boolean> {
  const { affectedRows } = await sql.run(
    `UPDATE notification_subscriptions SET remaining = remaining - 1
      WHERE openid = ? AND template_id = ? AND remaining > 0`,
    [openid, templateId],
  );
  return affectedRows === 1;
}

/** Gives back a subscription WeChat did not use (the send failed before it). */
export async function returnSubscription(sql: SqlStatements, openid: string, templateId: string): Promise<void> {
  await sql.run(
    `UPDATE notification_subscriptions SET remaining = remaining + 1 WHERE openid = ? AND template_id = ?`,
    [openid, templateId],
  );
}

/** WeChat says the user has none (43101) or the openid is not theirs (40003): our count is wrong, drop it. */
export async function dropSubscriptions(sql: SqlStatements, openid: string, templateId: string): Promise<void> {
  await sql.run(`UPDATE notification_subscriptions SET remaining = 0 WHERE openid = ? AND template_id = ?`, [
    openid,
    templateId,
  ]);
}

/** Counts one more accepted subscription per template (wx.requestSubscribeMessage said "accept"). */
export async function addSubscriptions(
  sql: SqlStatements,
  openid: string,
  templateIds: string[],
  now: Date,
): Promise<void> {
  for (const templateId of templateIds) {
    await sql.run(
      sql.dialect === 'sqlite'
        ? `INSERT INTO notification_subscriptions (openid, template_id, remaining, updated_at) VALUES (?, ?, 1, ?)
           ON CONFLICT (openid, template_id) DO UPDATE SET remaining = remaining + 1, updated_at = excluded.updated_at`
        : `INSERT INTO notification_subscriptions (openid, template_id, remaining, updated_at) VALUES (?, ?, 1, ?)
           ON DUPLICATE KEY UPDATE remaining = remaining + 1, updated_at = VALUES(updated_at)`,
      [openid, templateId, now],
    );
  }
}

/** SMS notices sent to the candidate since `since` (their phone's share of the daily limit). */
export async function smsSentSince(sql: SqlStatements, candidateId: number, since: Date): Promise<number> {
  const [row] = await sql.rows<{ n: number }>(
    `SELECT COUNT(*) AS n FROM outbox_attempts a JOIN outbox_messages m ON m.id = a.message_id
      WHERE m.candidate_id = ? AND a.channel = 'sms' AND a.outcome = 'sent' AND a.attempted_at > ?`,
    [candidateId, since],
  );
  return Number(row?.n ?? 0);
}
