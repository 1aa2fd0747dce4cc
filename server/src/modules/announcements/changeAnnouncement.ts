import type { AdminAnnouncementView, AnnouncementUpdate } from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import type { Official } from '../accounts/models';
import {
  findAnnouncement,
  lockAnnouncement,
  markWithdrawn,
  updateAnnouncement,
  type AnnouncementRow,
} from './announcementRepository';
import { assertMayPublish, targetOf } from './announcementScope';
import { adminAnnouncementView, auditedFields } from './announcementViews';

/** The announcement locked, in the official's scope (404 / 403) and not withdrawn (409). */
async function changeable(db: Db, official: Official, id: number, transaction: Transaction) {
  const row = await lockAnnouncement(db, id, transaction);
  if (!row) throw new AppError('NOT_FOUND', { what: '通知公告' });
  await assertMayPublish(db, official, targetOf(row));
  if (row.withdrawn_at) throw new AppError('ANNOUNCEMENT_WITHDRAWN');
  return row;
}

function audit(
  db: Db,
  official: Official,
  row: AnnouncementRow,
  change: { action: string; after: unknown },
  request: RequestInfo,
  transaction: Transaction,
) {
  return writeAudit(
    db,
    officialActor(official),
    {
      action: change.action,
      entityType: 'announcement',
      entityId: Number(row.id),
      countyId: row.county_id === null ? null : Number(row.county_id),
      before: auditedFields({ title: row.title, body: row.body, publishAt: row.publish_at }),
      after: change.after,
      ...request,
    },
    transaction,
  );
}

/** 修改通知公告: title, body and publish time (no publish time: now). Audited with before and after. */
export async function editAnnouncement(
  db: Db,
  official: Official,
  id: number,
  input: AnnouncementUpdate,
  request: RequestInfo,
  now = new Date(),
): Promise<AdminAnnouncementView> {
  const content = {
    title: input.title,
    body: input.body,
    publishAt: input.publishAt ? new Date(input.publishAt) : now,
  };
  await db.sequelize.transaction(async (transaction) => {
    const row = await changeable(db, official, id, transaction);
    await updateAnnouncement(db, id, content, now, transaction);
    await audit(
      db,
      official,
      row,
      { action: 'announcement.edit', after: auditedFields(content) },
      request,
      transaction,
    );
  });
  return adminAnnouncementView((await findAnnouncement(db, id))!, now);
}

/** 撤回: candidates no longer see it; the office still does, marked 已撤回. Audited. */
export async function withdrawAnnouncement(
  db: Db,
  official: Official,
  id: number,
  request: RequestInfo,
  now = new Date(),
): Promise<AdminAnnouncementView> {
  await db.sequelize.transaction(async (transaction) => {
    const row = await changeable(db, official, id, transaction);
    await markWithdrawn(db, id, official.id, now, transaction);
    await audit(
      db,
      official,
      row,
      { action: 'announcement.withdraw', after: { withdrawnAt: now.toISOString() } },
      request,
      transaction,
    );
  });
  return adminAnnouncementView((await findAnnouncement(db, id))!, now);
}
