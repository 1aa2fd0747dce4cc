import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from '../migrator';

const { INTEGER, STRING, BOOLEAN, DATE } = DataTypes;

/**
 * Notifications (#17): per event, whether the province wants an SMS notice as well when a subscribe
 * message went (退费异常, 考办通知…). An event without a row sends SMS only when no subscribe message can.
 */
async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('notification_event_settings', {
    event: { type: STRING(32), primaryKey: true, allowNull: false },
    sms_always: { type: BOOLEAN, allowNull: false, defaultValue: false },
    updated_by: {
      type: INTEGER,
      allowNull: false,
      references: { model: 'officials', key: 'id' },
      onDelete: 'RESTRICT',
      onUpdate: 'CASCADE',
    },
    updated_at: { type: DATE(3), allowNull: false },
  });
}

async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('notification_event_settings');
}

export const notificationEventSettings: Migration = { name: '0017-notification-event-settings', up, down };
