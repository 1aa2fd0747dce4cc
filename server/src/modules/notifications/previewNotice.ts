import type { NoticePreviewInput, NoticePreviewView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { sqlOf } from '../../db/sqlTx';
import type { Official } from '../accounts/models';
import { renderMessage } from './messages';
import { resolveAudience } from './noticeAudience';
import { countRecipients } from './noticeRepository';

/** 群发通知预览: how many candidates the filters reach in the official's districts, and the text they get. */
export async function previewNotice(db: Db, official: Official, input: NoticePreviewInput): Promise<NoticePreviewView> {
  const audience = await resolveAudience(db, official, input);
  const rendered = renderMessage('notice', { title: input.title, body: input.body });
  return {
    recipients: await countRecipients(sqlOf(db.sequelize), audience),
    wechat: { title: rendered.wechat.thing1!.value, body: rendered.wechat.thing2!.value },
    sms: rendered.sms,
  };
}
