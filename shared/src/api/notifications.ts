import { z } from 'zod';

// ---- Notifications (issue #17): subscribe messages, SMS notices, the delivery log ----

/** What a message tells a candidate; each has one subscribe-message template and one SMS template. */
export const NOTIFICATION_EVENTS = [
  'release_reminder',
  'payment_received',
  'refund_succeeded',
  'refund_abnormal',
  'application_decided',
  'print_window_opened',
  'scores_published',
  'waitlist_seat_given',
  'waitlist_closed',
  'notice',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_EVENT_NAMES: Record<NotificationEvent, string> = {
  release_reminder: '未缴费考位释放提醒',
  payment_received: '缴费成功',
  refund_succeeded: '退费成功',
  refund_abnormal: '退费异常',
  application_decided: '业务办理审核结果',
  print_window_opened: '准考证打印开放',
  scores_published: '成绩发布',
  waitlist_seat_given: '候补成功',
  waitlist_closed: '候补结束',
  notice: '考办通知',
};

/** The moments the mini-program asks wx.requestSubscribeMessage, and the events each covers (≤ 3 templates a call). */
export const SUBSCRIBE_MOMENTS = {
  afterHold: ['release_reminder', 'payment_received', 'refund_succeeded'],
  afterApplication: ['application_decided'],
  ticketPage: ['print_window_opened'],
  scoresPage: ['scores_published'],
  afterWaitlist: ['waitlist_seat_given', 'waitlist_closed'],
} as const satisfies Record<string, readonly NotificationEvent[]>;
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

/** GET /api/notifications/settings: the template ids to ask for, and whether SMS notices are refused. */
export interface NotificationSettingsView {
  /** Subscribe-message template id per event (configured on the server). */
  templates: Partial<Record<NotificationEvent, string>>;
  smsOptOut: boolean;
}

/** POST /api/notifications/subscriptions: what wx.requestSubscribeMessage answered ("accept" per template id). */
export const subscriptionReportBody = z.object({
  results: z
    .record(z.string().min(1).max(64), z.enum(['accept', 'reject', 'ban', 'filter']))
    .refine((results) => Object.keys(results).length <= 10, { message: '一次最多10个模板' }),
});
export type SubscriptionReport = z.infer<typeof subscriptionReportBody>;

export interface SubscriptionReportView {
  /** Template ids counted once more. */
  accepted: string[];
}

/** PUT /api/notifications/sms-opt-out */
export const smsOptOutBody = z.object({ optOut: z.boolean() });

export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
};

/** One message of the officials' delivery log (phone masked). */
export interface DeliveryView {
  id: number;
  candidateName: string;
  phoneMasked: string | null;
  countyName: string | null;
  event: NotificationEvent;
  eventName: string;
  channel: 'wechat' | 'sms' | null;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const deliveryListQuery = z.object({
  state: z.enum(DELIVERY_STATES).optional(),
  event: z.enum(NOTIFICATION_EVENTS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** One notification event as officials configure it: SMS also goes when a subscribe message went. */
export interface NotificationEventSettingView {
  event: NotificationEvent;
  eventName: string;
  smsAlways: boolean;
  updatedAt: string | null;
}

/** GET/PUT /api/admin/notifications/event-settings (PUT: the events to change, province only). */
export const eventSettingsBody = z.object({
  settings: z
    .array(z.object({ event: z.enum(NOTIFICATION_EVENTS), smsAlways: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_EVENTS.length),
});
export type EventSettingsInput = z.infer<typeof eventSettingsBody>;
