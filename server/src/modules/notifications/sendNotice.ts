import type { NoticeSendInput, NoticeView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import type { Official } from '../accounts/models';
import { asSqlTx, enqueue } from './enqueue';
import { noticeForView } from './listNotices';
import { resolveAudience } from './noticeAudience';
import { insertNotice, noticeDedupeKey, recipientIds } from './noticeRepository';
import { noticeSendTimes } from './noticeSchedule';
import type { NotificationsDeps } from './notificationsDeps';

const CHUNK = 500;

/**
 * 群发通知: the notice, one outbox message per candidate the filters reach in the official's districts, and the
 * audit entry, in one transaction (all or nothing). The messages fall due at the configured rate
 * (noticeSendTimes); the outbox worker then sends each by subscribe message or SMS as for any event.
 */
export async function sendNotice(
  deps: { db: Db; notifications: Pick<NotificationsDeps['notifications'], 'noticePerMinute'> },
  official: Official,
  input: NoticeSendInput,
  request: RequestInfo,
  now = new Date(),
): Promise<NoticeView> {
  const { db } = deps;
  const audience = await resolveAudience(db, official, input);
  const officeCityId =
    official.role === 'county' && official.countyId
      ? ((await db.models.County.findByPk(official.countyId))?.cityId ?? null)
      : official.cityId;
  const id = await db.sequelize.transaction(async (transaction) => {
    const tx = asSqlTx(transaction);
    const candidates = await recipientIds(tx, audience);
    if (candidates.length === 0) throw new AppError('NOTICE_NO_RECIPIENTS');
    const times = noticeSendTimes(now, deps.notifications.noticePerMinute, candidates.length);
    const noticeId = await insertNotice(tx, {
      officialId: official.id,
      officeRole: official.role,
      officeCityId: official.role === 'province' ? null : officeCityId,
      officeCountyId: official.role === 'county' ? official.countyId : null,
      audience,
      title: input.title,
      body: input.body,
      reason: input.reason,
      recipients: candidates.length,
      sendsUntil: times[times.length - 1]!,
      now,
    });
    const data = { title: input.title, body: input.body };
    for (let i = 0; i < candidates.length; i += CHUNK) {
      await enqueue(
        tx,
        candidates.slice(i, i + CHUNK).map((candidateId, j) => ({
          candidateId,
          event: 'notice' as const,
          dedupeKey: noticeDedupeKey(noticeId, candidateId),
          data,
          notBefore: times[i + j],
        })),
        now,
      );
    }
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'notice.sent',
        entityType: 'notice',
        entityId: noticeId,
        after: {
          periodId: audience.periodId,
          countyId: audience.countyId,
          unitId: audience.unitId,
          courseCode: input.courseCode,
          title: input.title,
          body: input.body,
          recipients: candidates.length,
        },
        reason: input.reason,
        countyId: audience.countyId ?? (official.role === 'county' ? official.countyId : null),
        ...request,
      },
      transaction,
    );
    return noticeId;
  });
  return noticeForView(db, id);
}
