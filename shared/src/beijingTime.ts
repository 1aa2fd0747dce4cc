/** China keeps one time zone without daylight saving: Beijing time is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2027年3月11日 17:00" in Beijing time, whatever the device's time zone; accepts a Date or an ISO string. */
export function formatBeijing(at: Date | string): string {
  const local = new Date(new Date(at).getTime() + BEIJING_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
