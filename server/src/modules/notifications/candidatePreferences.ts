import type { NotificationSettingsView, SubscriptionReport, SubscriptionReportView } from '@kaowei/shared';
import { QueryTypes } from 'sequelize';
import { statementsTogether } from '../../db/sqlTx';
import { AppError } from '../../http/errors';
import type { NotificationsDeps } from './notificationsDeps';
import { addSubscriptions } from './outboxRepository';

type Deps = Pick<NotificationsDeps, 'db' | 'notifications'>;

async function candidateRow(deps: Deps, candidateId: number) {
  const [row] = await deps.db.sequelize.query<{ wechat_openid: string | null; sms_opt_out_at: Date | null }>(
    'SELECT wechat_openid, sms_opt_out_at FROM candidates WHERE id = ?',
    { replacements: [candidateId], type: QueryTypes.SELECT },
  );
  if (!row) throw new AppError('NOT_FOUND', { what: '考生' });
  return row;
}

/** The templates the mini-program asks to subscribe to, and whether the candidate refused SMS notices. */
export async function notificationSettings(deps: Deps, candidateId: number): Promise<NotificationSettingsView> {
  const row = await candidateRow(deps, candidateId);
  return { templates: deps.notifications.wechatTemplates, smsOptOut: row.sms_opt_out_at !== null };
}

/**
 * What wx.requestSubscribeMessage answered: each accepted template of ours counts one more one-time
 * subscription of the candidate's WeChat user. Without a WeChat sign-in there is no one to send to.
 */
export async function reportSubscriptions(
  deps: Deps,
  candidateId: number,
  report: SubscriptionReport,
  now = new Date(),
): Promise<SubscriptionReportView> {
  const { wechat_openid: openid } = await candidateRow(deps, candidateId);
  if (!openid) throw new AppError('SUBSCRIBE_NEEDS_WECHAT');
  const ours = new Set(Object.values(deps.notifications.wechatTemplates));
  const accepted = Object.entries(report.results)
    .filter(([templateId, answer]) => answer === 'accept' && ours.has(templateId))
    .map(([templateId]) => templateId);
  await statementsTogether(deps.db.sequelize, (sql) => addSubscriptions(sql, openid, accepted, now));
  return { accepted };
}

/** 短信通知退订 / 恢复: verification codes still come; notices without a subscribe message are then skipped. */
export async function setSmsOptOut(
  deps: Deps,
  candidateId: number,
  optOut: boolean,
  now = new Date(),
): Promise<NotificationSettingsView> {
  await deps.db.sequelize.query('UPDATE candidates SET sms_opt_out_at = ? WHERE id = ?', {
    replacements: [optOut ? now : null, candidateId],
  });
  return notificationSettings(deps, candidateId);
}
