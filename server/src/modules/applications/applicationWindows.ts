import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  CANDIDATE_APPLICATION_KINDS,
  type ApplicationKindView,
  type ApplicationWindowView,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { KIND_RULES, kindAvailable } from './kinds';
import type { ApplicationWindow } from './models';
import { nearestWindow, windowOpenAt } from './windows';

export function windowView(w: ApplicationWindow): ApplicationWindowView {
  return {
    id: w.id,
    kind: w.kind,
    kindLabel: CANDIDATE_APPLICATION_KIND_LABELS[w.kind],
    periodId: w.periodId,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
  };
}

/** Every window, latest first (the province's list). */
export async function listApplicationWindows(db: Db): Promise<{ items: ApplicationWindowView[] }> {
  const rows = await db.models.ApplicationWindow.findAll({ order: [['opensAt', 'DESC']], limit: 200 });
  return { items: rows.map(windowView) };
}

/** 业务办理: every kind, whether it is handled online, open now, and its window now or next. */
export async function applicationKinds(db: Db, now = new Date()): Promise<{ kinds: ApplicationKindView[] }> {
  const windows = await db.models.ApplicationWindow.findAll({ order: [['opensAt', 'ASC']] });
  return {
    kinds: CANDIDATE_APPLICATION_KINDS.map((kind) => {
      const window = nearestWindow(
        windows.filter((w) => w.kind === kind && w.closesAt > now),
        now,
      );
      return {
        kind,
        label: CANDIDATE_APPLICATION_KIND_LABELS[kind],
        available: kindAvailable(kind),
        openNow: window !== null && windowOpenAt(window, now),
        window: window && { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
        maxAttachments: KIND_RULES[kind].maxAttachments,
        maxAttachmentBytes: KIND_RULES[kind].maxAttachmentBytes,
        requiredProof: KIND_RULES[kind].requiredProof,
      };
    }),
  };
}
