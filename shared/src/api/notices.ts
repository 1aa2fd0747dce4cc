import { z } from 'zod';

// ---- Bulk notices (issue #17, 考办群发通知): filters, preview, send, the list with delivery counts ----

const optionalId = (what: string) =>
  z
    .number({ error: `请选择${what}` })
    .int()
    .positive()
    .nullable()
    .optional();

/** Who a notice reaches: candidates holding seats (held, confirmed or paid) in the period, in the office's scope. */
export const noticeAudienceBody = z.object({
  periodId: z.number({ error: '请选择考次' }).int().positive(),
  countyId: optionalId('县（市、区）'),
  unitId: optionalId('考试单元'),
  courseCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, '课程代码为5位数字')
    .nullable()
    .optional()
    .transform((code) => code || null),
});
export type NoticeAudience = z.infer<typeof noticeAudienceBody>;

export const noticePreviewBody = noticeAudienceBody.extend({
  title: z.string({ error: '请填写标题' }).trim().min(2, '请填写标题').max(20, '标题不能超过20字'),
  body: z.string({ error: '请填写通知内容' }).trim().min(2, '请填写通知内容').max(200, '通知内容不能超过200字'),
});
export type NoticePreviewInput = z.infer<typeof noticePreviewBody>;

export const noticeSendBody = noticePreviewBody.extend({
  reason: z.string({ error: '请填写原因' }).trim().min(2, '请填写原因').max(200, '原因不能超过200字'),
});
export type NoticeSendInput = z.infer<typeof noticeSendBody>;

/** POST /api/admin/notices/preview: how many would be told, and what they would read. */
export interface NoticePreviewView {
  recipients: number;
  /** The subscribe message's fields, as WeChat shows them (20 characters each at most). */
  wechat: { title: string; body: string };
  /** The SMS template's parameters, in order. */
  sms: string[];
}

export interface NoticeDeliveryCounts {
  sent: number;
  failed: number;
  pending: number;
  /** Neither channel possible (no phone, SMS refused): not sent, not retried. */
  skipped: number;
}

/** One sent notice of the office's list (POST /api/admin/notices answers it too). */
export interface NoticeView {
  id: number;
  title: string;
  body: string;
  reason: string;
  periodName: string;
  countyName: string | null;
  unitCode: string | null;
  courseCode: string | null;
  officialName: string;
  recipients: number;
  deliveries: NoticeDeliveryCounts;
  createdAt: string;
  /** When the last message may go, at the configured rate (quiet hours skipped). */
  sendsUntil: string;
}

export const noticeListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
