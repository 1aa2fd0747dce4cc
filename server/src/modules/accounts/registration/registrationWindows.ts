import type { RegistrationWindowAnswer, RegistrationWindowView } from '@kaowei/shared';
import type { Db } from '../../../db/models';
import { assertOpenAmong, nearestWindow, windowOpenAt } from '../../../kernel/windows';
import type { RegistrationWindow } from '../models';

export function registrationWindowView(w: RegistrationWindow): RegistrationWindowView {
  return {
    id: w.id,
    periodId: w.periodId,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    reviewClosesAt: w.reviewClosesAt.toISOString(),
  };
}

function windowsOf(db: Db): Promise<RegistrationWindow[]> {
  return db.models.RegistrationWindow.findAll({ order: [['opensAt', 'ASC']] });
}

/** The window a registration is made in now; outside every window, refused with the nearest one's times. */
export async function assertRegistrationOpen(db: Db, now: Date): Promise<RegistrationWindow> {
  return assertOpenAmong(await windowsOf(db), now, '新生注册');
}

/** The form's first screen: open now, or when the next window opens. */
export async function currentRegistrationWindow(db: Db, now = new Date()): Promise<RegistrationWindowAnswer> {
  const window = nearestWindow(
    (await windowsOf(db)).filter((w) => w.closesAt > now),
    now,
  );
  return { openNow: window !== null && windowOpenAt(window, now), window: window && registrationWindowView(window) };
}

/** Every window, latest first (the province's list). */
export async function listRegistrationWindows(db: Db): Promise<{ items: RegistrationWindowView[] }> {
  const rows = await db.models.RegistrationWindow.findAll({ order: [['opensAt', 'DESC']], limit: 200 });
  return { items: rows.map(registrationWindowView) };
}
