import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, BIGINT, STRING, CHAR, DATE, JSON: JSONTYPE } = DataTypes;
const when = (allowNull = true) => ({ type: DATE(3), allowNull });
const ref = (table: string, allowNull = false, type: typeof INTEGER | typeof BIGINT = INTEGER) => ({
  type,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete: 'RESTRICT',
  onUpdate: 'CASCADE',
});

/**
 * Notifications (#17): every message to a candidate is a row of `outbox_messages`, written in the
 * transaction of the event that causes it and delivered later by the outbox worker; each delivery
 * attempt is kept. One-time subscribe-message acceptances are counted per openid and template (they
 * belong to the WeChat user, not to the record), and a candidate may refuse SMS notices.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('outbox_messages', {
    id: { type: BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
    candidate_id: ref('candidates'),
    /** payment_received, refund_succeeded, release_reminder, … (see shared NOTIFICATION_EVENTS). */
    event: { type: STRING(32), allowNull: false },
    /** One message per event: a second enqueue of the same key is ignored. */
    dedupe_key: { type: STRING(128), allowNull: false, unique: true },
    data: { type: JSONTYPE, allowNull: false },
    /** wechat / sms: the channel of the last attempt (chosen at delivery); NULL before the first. */
    channel: { type: STRING(8), allowNull: true },
    /** pending / sending / sent / failed / skipped */
    state: { type: STRING(12), allowNull: false },
    attempts: { type: INTEGER, allowNull: false, defaultValue: 0 },
    /** When a worker may take it next: the next try while pending, the lease's end while sending. */
    next_attempt_at: when(false),
    /** The claim of the worker sending it: only that claim may record the outcome. */
    claim_id: { type: CHAR(36), allowNull: true },
    last_error: { type: STRING(255), allowNull: true },
    sent_at: when(),
    created_at: when(false),
    updated_at: when(false),
  });
  await qi.addIndex('outbox_messages', ['state', 'next_attempt_at'], { name: 'outbox_messages_due' });
  await qi.addIndex('outbox_messages', ['candidate_id'], { name: 'outbox_messages_candidate' });

  await qi.createTable('outbox_attempts', {
    id: { type: BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
    message_id: ref('outbox_messages', false, BIGINT),
    claim_id: { type: CHAR(36), allowNull: false },
    channel: { type: STRING(8), allowNull: false },
    /** sent / retry / failed / refused / deferred */
    outcome: { type: STRING(12), allowNull: false },
    /** The provider's code: a WeChat errcode, a Tencent Cloud error code. */
    error_code: { type: STRING(64), allowNull: true },
    error: { type: STRING(255), allowNull: true },
    attempted_at: when(false),
  });
  await qi.addIndex('outbox_attempts', ['message_id'], { name: 'outbox_attempts_message' });

  await qi.createTable('notification_subscriptions', {
    id: { type: INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    openid: { type: STRING(64), allowNull: false },
    template_id: { type: STRING(64), allowNull: false },
    /** Accepted one-time subscriptions not yet used by a send. */
    remaining: { type: INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: when(false),
  });
  await qi.addIndex('notification_subscriptions', ['openid', 'template_id'], {
    name: 'notification_subscriptions_one',
    unique: true,
  });

  // Set: the candidate receives no SMS notices (verification codes still come).
  await qi.sequelize.query('ALTER TABLE candidates ADD COLUMN sms_opt_out_at DATETIME(3) NULL');
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('candidates', 'sms_opt_out_at');
  await qi.dropTable('notification_subscriptions');
  await qi.dropTable('outbox_attempts');
  await qi.dropTable('outbox_messages');
}

export const outbox: Migration = { name: '0013-outbox', up, down };
