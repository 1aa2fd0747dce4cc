import { CANDIDATE_APPLICATION_KIND_LABELS, type CandidateApplicationKind } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { assertOpenAmong } from '../../kernel/windows';
import type { ApplicationWindow } from './models';

export { nearestWindow, windowOpenAt } from '../../kernel/windows';

export async function windowsOf(db: Db, kind: CandidateApplicationKind): Promise<ApplicationWindow[]> {
  return db.models.ApplicationWindow.findAll({ where: { kind }, order: [['opensAt', 'ASC']] });
}

/** The window a kind is applied for in now; outside every window, refused with the nearest one's times. */
export async function assertWindowOpen(db: Db, kind: CandidateApplicationKind, now: Date): Promise<ApplicationWindow> {
  return assertOpenAmong(await windowsOf(db, kind), now, CANDIDATE_APPLICATION_KIND_LABELS[kind]);
}
