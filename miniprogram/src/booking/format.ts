import { formatBeijing, formatFen } from '@kaowei/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2027年3月1日" in Beijing time. */
export function formatBeijingDate(iso: string | Date): string {
  return formatBeijing(iso).split(' ')[0]!;
}

/** "02:13:05" until `until`, or "00:00:00" once it has passed. */
export function countdown(until: string | Date, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** Fee in integer fen as "¥70.00". */
export function yuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}
