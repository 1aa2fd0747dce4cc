import { Op } from 'sequelize';
import type { Db } from '../../../db/models';
import { finishJobRun, startJobRun } from '../../../db/jobRuns';
import type { Logger } from '../../../logger';
import { timedJob } from '../../../metrics/jobs';
import { UNLINKED_PHOTO_KEPT_MS, type PhotoStore } from './photos';
import type { IdCardImageStore } from './registrationDeps';

interface CleanupDeps {
  db: Db;
  photos: PhotoStore;
  idCardImages: IdCardImageStore;
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
  const images = await removeUnlinkedIdCardImages(deps, new Date(now.getTime() - UNLINKED_PHOTO_KEPT_MS));
  await finishJobRun(deps.db.sequelize, JOB, runKey, unlinked.length + images, now);
  if (unlinked.length + images > 0) {
    deps.logger.info({ removed: unlinked.length, idCardImages: images }, 'unlinked registration photos removed');
  }
  return unlinked.length + images;
}

/** ID-card images (uploads/registrations) written before `cutoff` that no application took. */
async function removeUnlinkedIdCardImages(deps: CleanupDeps, cutoff: Date): Promise<number> {
  const names = await deps.idCardImages.list();
  const times = await Promise.all(names.map((name) => deps.idCardImages.writtenAt(name)));
  const old = names.filter((_, i) => times[i] && times[i] < cutoff);
  const linked = new Set<string | null>();
  for (let start = 0; start < old.length; start += BATCH) {
    const rows = await deps.db.models.Application.findAll({
      where: { idCardImage: { [Op.in]: old.slice(start, start + BATCH) } },
      attributes: ['idCardImage'],
    });
    for (const row of rows) linked.add(row.idCardImage);
  }
  const unlinked = old.filter((name) => !linked.has(name));
  for (const name of unlinked) await deps.idCardImages.remove(name);
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
