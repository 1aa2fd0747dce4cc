import { formatBeijing, type NotificationEvent } from '@kaowei/shared';

/** What each event's message carries: written to the outbox as JSON, rendered when it is delivered. */
export interface NotificationData {
  release_reminder: { periodName: string; releaseAt: string; items: number };
  payment_received: { amountFen: number; outTradeNo: string; paidAt: string };
  refund_succeeded: { amountFen: number; outRefundNo: string };
  refund_abnormal: { amountFen: number; outRefundNo: string };
  application_decided: { kindName: string; approved: boolean; reason: string | null };
  print_window_opened: { periodName: string; opensAt: string };
  scores_published: { periodName: string };
  waitlist_seat_given: { unitName: string; payBy: string };
  waitlist_closed: { periodName: string; reason: string };
  notice: { title: string; body: string };
}

/** A message to write: one per event and candidate (dedupeKey), delivered no earlier than notBefore. */
export type OutboxMessage = {
  [E in NotificationEvent]: {
    candidateId: number;
    event: E;
    data: NotificationData[E];
    /** Unique per event: "payment_received:<order id>". A second enqueue with it changes nothing. */
    dedupeKey: string;
    /** Bulk notices spread themselves over time with this (see spreadOver). */
    notBefore?: Date;
  };
}[NotificationEvent];

export interface RenderedMessage {
  /** The mini-program page a subscribe message opens. */
  page: string;
  /** subscribeMessage.send data, by the keys of the event's template (README: Notifications). */
  wechat: Record<string, { value: string }>;
  /** The SMS template's parameters, in order. */
  sms: string[];
}

/** WeChat's thing values hold 20 characters at most; SMS variables are kept as short. */
const clip = (text: string, max = 20) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);
const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;
const values = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, { value }]));

type Renderers = { [E in NotificationEvent]: (data: NotificationData[E]) => RenderedMessage };

const RENDER: Renderers = {
  release_reminder: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({ thing1: clip(d.periodName), time2: `今日${d.releaseAt}`, thing3: `${d.items}门课程未缴费将释放` }),
    sms: [clip(d.periodName), d.releaseAt],
  }),
  payment_received: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({
      character_string1: d.outTradeNo,
      amount2: yuan(d.amountFen),
      time3: formatBeijing(new Date(d.paidAt)),
      thing4: '缴费成功，考位已确认',
    }),
    sms: [yuan(d.amountFen)],
  }),
  refund_succeeded: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({ character_string1: d.outRefundNo, amount2: yuan(d.amountFen), thing3: '退费成功，考位已释放' }),
    sms: [yuan(d.amountFen)],
  }),
  refund_abnormal: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({ character_string1: d.outRefundNo, amount2: yuan(d.amountFen), thing3: '退款异常，请联系考办' }),
    sms: [yuan(d.amountFen)],
  }),
  application_decided: (d) => ({
    page: 'pages/mine/index',
    wechat: values({
      thing1: clip(d.kindName),
      phrase2: d.approved ? '通过' : '不通过',
      thing3: clip(d.reason || (d.approved ? '审核通过' : '请查看审核意见')),
    }),
    sms: [clip(d.kindName), d.approved ? '通过' : '不通过'],
  }),
  print_window_opened: (d) => ({
    page: 'pages/admission-ticket/index',
    wechat: values({
      thing1: clip(d.periodName),
      time2: formatBeijing(new Date(d.opensAt)),
      thing3: '准考证可以打印了',
    }),
    sms: [clip(d.periodName)],
  }),
  scores_published: (d) => ({
    page: 'pages/my-scores/index',
    wechat: values({ thing1: clip(d.periodName), thing2: '成绩已发布，点击查看' }),
    sms: [clip(d.periodName)],
  }),
  waitlist_seat_given: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({
      thing1: clip(d.unitName),
      time2: formatBeijing(new Date(d.payBy)),
      thing3: '候补成功，请在截止前缴费',
    }),
    sms: [clip(d.unitName), formatBeijing(new Date(d.payBy))],
  }),
  waitlist_closed: (d) => ({
    page: 'pages/my-bookings/index',
    wechat: values({ thing1: clip(d.periodName), thing2: clip(d.reason) }),
    sms: [clip(d.periodName)],
  }),
  notice: (d) => ({
    page: 'pages/mine/index',
    wechat: values({ thing1: clip(d.title), thing2: clip(d.body) }),
    sms: [clip(d.title), clip(d.body, 35)],
  }),
};

export function renderMessage<E extends NotificationEvent>(event: E, data: NotificationData[E]): RenderedMessage {
  return (RENDER[event] as (d: NotificationData[E]) => RenderedMessage)(data);
}
