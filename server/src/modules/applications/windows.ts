import { CANDIDATE_APPLICATION_KIND_LABELS, type CandidateApplicationKind } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { formatBeijing } from '../../lib/beijingTime';
import type { ApplicationWindow } from './models';

export async function windowsOf(db: Db, kind: CandidateApplicationKind): Promise<ApplicationWindow[]> {
  return db.models.ApplicationWindow.findAll({ where: { kind }, order: [['opensAt', 'ASC']] });
}

interface Span {
  opensAt: Date;
  closesAt: Date;
}

const isOpen = (w: Span, now: Date) => w.opensAt <= now && now < w.closesAt;

/** The window open now, else the next to open, else the last one closed (for the refusal's times). */
export function nearestWindow<W extends Span>(windows: W[], now: Date): W | null {
  return (
    windows.find((w) => isOpen(w, now)) ??
    windows.find((w) => w.opensAt > now) ??
    windows.filter((w) => w.closesAt <= now).at(-1) ??
    null
  );
}

/** The window open now among these; outside every one, refused with the nearest one's times. */
export function assertOpenAmong<W extends Span>(windows: W[], now: Date, label: string): W {
  const window = nearestWindow(windows, now);
  if (!window) throw new AppError('APPLICATION_NOT_OPEN', { kind: label });
  if (!isOpen(window, now)) {
    throw new AppError('APPLICATION_WINDOW_CLOSED', {
      kind: label,
      opensAt: formatBeijing(window.opensAt),
      closesAt: formatBeijing(window.closesAt),
    });
  }
  return window;
}

/** The window a kind is applied for in now; outside every window, refused with the nearest one's times. */
export async function assertWindowOpen(db: Db, kind: CandidateApplicationKind, now: Date): Promise<ApplicationWindow> {
  return assertOpenAmong(await windowsOf(db, kind), now, CANDIDATE_APPLICATION_KIND_LABELS[kind]);
}

export { isOpen as windowOpenAt };
