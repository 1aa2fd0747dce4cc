import {
  NOTIFICATION_EVENT_NAMES,
  NOTIFICATION_EVENTS,
  type EventSettingsInput,
  type NotificationEventSettingView,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf, sqlTxOf, type SqlReader } from '../../db/sqlTx';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import { assertProvince } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import { eventSettingRows, saveEventSetting } from './eventSettingsRepository';

async function settingsView(sql: SqlReader): Promise<NotificationEventSettingView[]> {
  const rows = new Map((await eventSettingRows(sql)).map((row) => [row.event, row]));
  return NOTIFICATION_EVENTS.map((event) => {
    const row = rows.get(event);
    return {
      event,
      eventName: NOTIFICATION_EVENT_NAMES[event],
      smsAlways: Boolean(Number(row?.sms_always ?? 0)),
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  });
}

/** 通知设置: every event, and whether it also goes by SMS when a subscribe message went. Any official reads it. */
export const listEventSettings = (db: Db) => settingsView(sqlOf(db.sequelize));

/** The province marks events that go by SMS as well; one audit entry with before/after of the changed events. */
export async function updateEventSettings(
  db: Db,
  official: Official,
  input: EventSettingsInput,
  request: RequestInfo,
  now = new Date(),
): Promise<NotificationEventSettingView[]> {
  assertProvince(official);
  return db.sequelize.transaction(async (transaction) => {
    const sql = sqlTxOf(db.sequelize, transaction);
    const current = new Map((await settingsView(sql)).map((s) => [s.event, s.smsAlways]));
    const changed = input.settings.filter((s) => current.get(s.event) !== s.smsAlways);
    for (const setting of changed) await saveEventSetting(sql, { ...setting, officialId: official.id, now });
    if (changed.length > 0) {
      await writeAudit(
        db,
        officialActor(official),
        {
          action: 'notification_settings.update',
          entityType: 'notification_event_settings',
          entityId: null,
          before: Object.fromEntries(changed.map((s) => [s.event, { smsAlways: current.get(s.event) }])),
          after: Object.fromEntries(changed.map((s) => [s.event, { smsAlways: s.smsAlways }])),
          ...request,
        },
        transaction,
      );
    }
    return settingsView(sql);
  });
}
