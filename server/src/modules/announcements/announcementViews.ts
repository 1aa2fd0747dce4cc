import type {
  AdminAnnouncementView,
  AnnouncementDetail,
  AnnouncementStatus,
  AnnouncementSummary,
} from '@kaowei/shared';
import { toIso } from '../../kernel/sqlParts';
import type { AnnouncementRow } from './announcementRepository';

const iso = (value: Date | string) => toIso(value)!;

/** 全省 / 成都市 / 成都市 锦江区: whom the announcement is for. */
export function scopeName(row: AnnouncementRow): string {
  if (row.scope === 'province') return '全省';
  if (row.scope === 'city') return row.city_name ?? '';
  return `${row.county_city_name ?? ''} ${row.county_name ?? ''}`.trim();
}

export function announcementSummary(row: AnnouncementRow, ownCountyId: number | null): AnnouncementSummary {
  return {
    id: Number(row.id),
    scope: row.scope,
    cityId: row.city_id === null ? null : Number(row.city_id),
    countyId: row.county_id === null ? null : Number(row.county_id),
    scopeName: scopeName(row),
    title: row.title,
    publishAt: iso(row.publish_at),
    ownCounty: row.county_id !== null && Number(row.county_id) === ownCountyId,
  };
}

export function announcementDetail(row: AnnouncementRow, ownCountyId: number | null): AnnouncementDetail {
  return { ...announcementSummary(row, ownCountyId), body: row.body };
}

export function announcementStatus(row: AnnouncementRow, now: Date): AnnouncementStatus {
  if (row.withdrawn_at) return 'withdrawn';
  return new Date(iso(row.publish_at)).getTime() <= now.getTime() ? 'published' : 'scheduled';
}

export function adminAnnouncementView(row: AnnouncementRow, now: Date): AdminAnnouncementView {
  const { ownCounty: _unused, ...detail } = announcementDetail(row, null);
  return {
    ...detail,
    status: announcementStatus(row, now),
    authorName: row.author_name,
    withdrawnAt: toIso(row.withdrawn_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** What an audit entry keeps of an announcement. */
export const auditedFields = (a: { title: string; body: string; publishAt: Date | string }) => ({
  title: a.title,
  body: a.body,
  publishAt: a.publishAt instanceof Date ? a.publishAt.toISOString() : toIso(a.publishAt),
});
