import { HALF_DAY_LABELS, formatFen, type ApplicationState, type HalfDay } from '@kaowei/shared';

/** Display helpers: Beijing time, yuan from integer fen, Chinese labels for states. */

const pad = (n: number) => String(n).padStart(2, '0');

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatTimeOfDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO → the value of an <input type="datetime-local"> (browser time, which is Beijing time for officials). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `¥${formatFen(fen)}`;
}

/** "35.00" or "35" → 3500 fen; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** For values not typed HalfDay (audit records); typed ones read HALF_DAY_LABELS directly. */
export function halfDayLabel(halfDay: string): string {
  return HALF_DAY_LABELS[halfDay as HalfDay] ?? halfDay;
}

/** Registration (application) states as officials name them. */
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  submitted: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已放弃',
};

export function genderLabel(gender: string | null | undefined): string {
  return gender === 'M' ? '男' : gender === 'F' ? '女' : '—';
}

const ACTOR_LABELS: Record<string, string> = {
  candidate: '考生',
  official: '考办',
  system: '系统',
  wechatpay: '微信支付',
};

export function actorLabel(type: string | null | undefined, name?: string | null): string {
  const kind = type ? (ACTOR_LABELS[type] ?? type) : '—';
  return name ? `${kind} ${name}` : kind;
}
