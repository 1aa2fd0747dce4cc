import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { finishJobRun, startJobRun } from '../../../db/jobRuns';
import type { Logger } from '../../../logger';
import { timedJob } from '../../../metrics/jobs';
import { UNLINKED_PHOTO_KEPT_MS, type PhotoStore } from './photos';

interface CleanupDeps {
  db: Db;
  photos: PhotoStore;
  logger: Logger;
}

const JOB = 'photo_cleanup';
/** Photo ids per look-up (an opening day may leave tens of thousands). */
const BATCH = 1000;

/**
 * Deletes the uploaded photos that no application or candidate has taken within a day: abandoned
 * forms, replaced photos, uploads made only to fill the disk. Runs once an hour across instances
 * (job_runs); two instances running it at once delete the same files, which is harmless.
 */
export async function removeUnlinkedPhotos(deps: CleanupDeps, now = new Date()): Promise<number> {
  const runKey = now.toISOString().slice(0, 13);
  if (!(await startJobRun(deps.db.sequelize, JOB, runKey, now))) return 0;
  const old = await deps.photos.uploadedBefore(new Date(now.getTime() - UNLINKED_PHOTO_KEPT_MS));
  const linked = new Set<string | null>();
  for (let start = 0; start < old.length; start += BATCH) {
    const where = { photoPath: { [Op.in]: old.slice(start, start + BATCH) } };
    const applications = await deps.db.models.Application.findAll({ where, attributes: ['photoPath'] });
    const candidates = await deps.db.models.Candidate.findAll({ where, attributes: ['photoPath'] });
    for (const row of [...applications, ...candidates]) linked.add(row.photoPath);
  }
  const unlinked = old.filter((photoId) => !linked.has(photoId));
  for (const photoId of unlinked) await deps.photos.remove(photoId);
  await finishJobRun(deps.db.sequelize, JOB, runKey, unlinked.length, now);
  if (unlinked.length > 0) deps.logger.info({ removed: unlinked.length }, 'unlinked registration photos removed');
  return unlinked.length;
}

/** Every instance starts this at boot; the hourly run happens once (see removeUnlinkedPhotos). */
export function startPhotoCleanup(deps: CleanupDeps, intervalMs = 10 * 60_000): () => void {
  const tick = () =>
    timedJob(JOB, () => removeUnlinkedPhotos(deps)).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'registration photo cleanup failed'),
    );
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
