import type { AdminAnnouncementView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import type { Official } from '../accounts/models';
import { officeAnnouncements } from './announcementRepository';
import { officeScope } from './announcementScope';
import { adminAnnouncementView } from './announcementViews';

/** 通知公告 in the admin: every announcement for a place in the official's scope, scheduled and withdrawn too. */
export async function listOfficeAnnouncements(
  db: Db,
  official: Official,
  now = new Date(),
): Promise<AdminAnnouncementView[]> {
  const rows = await officeAnnouncements(db, await officeScope(db, official));
  return rows.map((row) => adminAnnouncementView(row, now));
}
