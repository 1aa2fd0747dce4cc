import type { NotificationEvent } from '@kaowei/shared';
import type { SqlReader, SqlStatements } from '../../db/sqlTx';

export interface EventSettingRow {
  event: NotificationEvent;
  sms_always: number | boolean;
  updated_at: Date;
}

export const eventSettingRows = (sql: SqlReader): Promise<EventSettingRow[]> =>
  sql.rows<EventSettingRow>('SELECT event, sms_always, updated_at FROM notification_event_settings');

/** Whether officials want an SMS notice of this event even when a subscribe message went. */
export async function smsAlways(sql: SqlReader, event: NotificationEvent): Promise<boolean> {
  const [row] = await sql.rows<{ sms_always: number | boolean }>(
    'SELECT sms_always FROM notification_event_settings WHERE event = ?',
    [event],
  );
  return Boolean(Number(row?.sms_always ?? 0));
}

export async function saveEventSetting(
  sql: SqlStatements,
  setting: { event: NotificationEvent; smsAlways: boolean; officialId: number; now: Date },
): Promise<void> {
  const values = [setting.smsAlways, setting.officialId, setting.now, setting.event];
  const { affectedRows } = await sql.run(
    'UPDATE notification_event_settings SET sms_always = ?, updated_by = ?, updated_at = ? WHERE event = ?',
    values,
  );
  if (affectedRows === 0) {
    await sql.run(
      'INSERT INTO notification_event_settings (sms_always, updated_by, updated_at, event) VALUES (?, ?, ?, ?)',
      values,
    );
  }
}
