import { z } from 'zod';

/** 通知公告 and 联系我们 (#17): what offices publish to candidates, and where candidates find each county office. */

export const ANNOUNCEMENT_SCOPES = ['province', 'city', 'county'] as const;
export type AnnouncementScope = (typeof ANNOUNCEMENT_SCOPES)[number];
export const ANNOUNCEMENT_SCOPE_LABELS: Record<AnnouncementScope, string> = {
  province: '全省',
  city: '市（州）',
  county: '县（市、区）',
};

/** scheduled: before its publish time (candidates do not see it yet); withdrawn: taken down by an office. */
export type AnnouncementStatus = 'scheduled' | 'published' | 'withdrawn';
export const ANNOUNCEMENT_STATUS_LABELS: Record<AnnouncementStatus, string> = {
  scheduled: '待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export const ANNOUNCEMENT_TITLE_MAX = 100;
export const ANNOUNCEMENT_BODY_MAX = 20_000;

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过${max}个字`);

const publishAt = z.iso
  .datetime({ offset: true, error: '发布时间须为完整的日期和时间' })
  .nullable()
  .optional()
  .describe('发布时间（不填为立即发布）');

/** What an office writes: title, plain-text body (blank lines separate paragraphs), when it goes out. */
const announcementContent = {
  title: text('标题', ANNOUNCEMENT_TITLE_MAX),
  body: text('正文', ANNOUNCEMENT_BODY_MAX),
  publishAt,
};

/** A new announcement for the whole province, one city (`cityId`) or one county (`countyId`). */
export const announcementCreateBody = z
  .object({
    scope: z.enum(ANNOUNCEMENT_SCOPES, { error: '请选择发布范围' }),
    cityId: z.number().int().positive().nullable().optional(),
    countyId: z.number().int().positive().nullable().optional(),
    ...announcementContent,
  })
  .refine((v) => v.scope !== 'city' || !!v.cityId, { message: '请选择市（州）', path: ['cityId'] })
  .refine((v) => v.scope !== 'county' || !!v.countyId, { message: '请选择县（市、区）', path: ['countyId'] });
export type AnnouncementCreate = z.output<typeof announcementCreateBody>;

/** An edit keeps the announcement's scope: title, body and publish time only. */
export const announcementUpdateBody = z.object(announcementContent);
export type AnnouncementUpdate = z.output<typeof announcementUpdateBody>;

/** Without a login a visitor may name a county to see its announcements (and its city's) beside the province's. */
export const announcementListQuery = z.object({
  countyId: z.coerce.number().int().positive().optional(),
});

/** Who an announcement is for, in words (全省 / 成都市 / 成都市 锦江区). */
export interface AnnouncementSummary {
  id: number;
  scope: AnnouncementScope;
  cityId: number | null;
  countyId: number | null;
  scopeName: string;
  title: string;
  publishAt: string;
  /** The viewer's own county's announcement (listed first). */
  ownCounty: boolean;
}

export interface AnnouncementDetail extends AnnouncementSummary {
  body: string;
}

/** An announcement as offices see it in the admin. */
export interface AdminAnnouncementView extends Omit<AnnouncementDetail, 'ownCounty'> {
  status: AnnouncementStatus;
  authorName: string;
  withdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Splits a plain-text body into paragraphs: blank lines (or single line breaks) separate them. */
export function announcementParagraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A county office's contacts: 办公室名称, 地址, 咨询电话, 办公时间. */
export const countyContactBody = z.object({
  officeName: text('办公室名称', 64),
  address: text('地址', 128),
  hotline: text('咨询电话', 64),
  hours: text('办公时间', 64),
});
export type CountyContactInput = z.output<typeof countyContactBody>;

export interface CountyContactView {
  countyId: number;
  countyName: string;
  cityName: string;
  /** null: the office has not filled in its contacts yet. */
  contact: CountyContactInput | null;
  /** The viewer's own county (listed first). */
  ownCounty: boolean;
}
