import type { AdminAnnouncementView, AnnouncementCreate } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import type { Official } from '../accounts/models';
import { findAnnouncement, insertAnnouncement } from './announcementRepository';
import { assertMayPublish, type AnnouncementTarget } from './announcementScope';
import { adminAnnouncementView, auditedFields } from './announcementViews';

/** Only the id that the scope names is kept: a county announcement has no city id and so on. */
export function targetOfInput(input: AnnouncementCreate): AnnouncementTarget {
  return {
    scope: input.scope,
    cityId: input.scope === 'city' ? input.cityId! : null,
    countyId: input.scope === 'county' ? input.countyId! : null,
  };
}

/** 发布通知公告 for a place in the official's scope; no publish time means now. Audited. */
export async function createAnnouncement(
  db: Db,
  official: Official,
  input: AnnouncementCreate,
  request: RequestInfo,
  now = new Date(),
): Promise<AdminAnnouncementView> {
  const target = targetOfInput(input);
  await assertMayPublish(db, official, target);
  const publishAt = input.publishAt ? new Date(input.publishAt) : now;
  const id = await db.sequelize.transaction(async (transaction) => {
    const id = await insertAnnouncement(
      db,
      { ...target, title: input.title, body: input.body, publishAt, authorId: official.id },
      now,
      transaction,
    );
    await writeAudit(
      db,
      officialActor(official),
      {
        action: 'announcement.create',
        entityType: 'announcement',
        entityId: id,
        countyId: target.countyId,
        before: null,
        after: { ...target, ...auditedFields({ ...input, publishAt }) },
        ...request,
      },
      transaction,
    );
    return id;
  });
  return adminAnnouncementView((await findAnnouncement(db, id))!, now);
}
