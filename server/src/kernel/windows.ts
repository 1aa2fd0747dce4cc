import { formatBeijing } from '@kaowei/shared';
import { AppError } from '../http/errors';

/** A time span something is open in (an application kind's window, a registration window). */
export interface Span {
  opensAt: Date;
  closesAt: Date;
}

export const windowOpenAt = (w: Span, now: Date) => w.opensAt <= now && now < w.closesAt;

/** The window open now, else the next to open, else the last one closed (for the refusal's times). */
export function nearestWindow<W extends Span>(windows: W[], now: Date): W | null {
  return (
    windows.find((w) => windowOpenAt(w, now)) ??
    windows.find((w) => w.opensAt > now) ??
    windows.filter((w) => w.closesAt <= now).at(-1) ??
    null
  );
}

/** The window open now among these; outside every one, refused with the nearest one's times. */
export function assertOpenAmong<W extends Span>(windows: W[], now: Date, label: string): W {
  const window = nearestWindow(windows, now);
  if (!window) throw new AppError('APPLICATION_NOT_OPEN', { kind: label });
  if (!windowOpenAt(window, now)) {
    throw new AppError('APPLICATION_WINDOW_CLOSED', {
      kind: label,
      opensAt: formatBeijing(window.opensAt),
      closesAt: formatBeijing(window.closesAt),
    });
  }
  return window;
}
