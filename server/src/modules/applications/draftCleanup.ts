import { Op } from 'sequelize';
import { finishJobRun, startJobRun } from '../../db/jobRuns';
import type { Db } from '../../db/models';
import type { Logger } from '../../logger';
import type { AttachmentStore } from './attachmentStore';

interface CleanupDeps {
  db: Db;
  attachments: AttachmentStore;
  logger: Logger;
}

const JOB = 'application_draft_cleanup';
/** A 草稿 untouched this long is deleted with its attachments. */
export const DRAFT_KEPT_DAYS = 30;
const BATCH = 500;

/**
 * Deletes the drafts nobody has touched for DRAFT_KEPT_DAYS and their files. Once a day across instances
 * (job_runs); two instances at once delete the same rows and files, which is harmless.
 */
export async function removeStaleDrafts(deps: CleanupDeps, now = new Date()): Promise<number> {
  const runKey = now.toISOString().slice(0, 10);
  if (!(await startJobRun(deps.db.sequelize, JOB, runKey, now))) return 0;
  const before = new Date(now.getTime() - DRAFT_KEPT_DAYS * 86_400_000);
  let removed = 0;
  for (;;) {
    const drafts = await deps.db.models.CandidateApplication.findAll({
      where: { state: 'draft', updatedAt: { [Op.lt]: before } },
      attributes: ['id'],
      limit: BATCH,
    });
    if (drafts.length === 0) break;
    const files = await deps.db.sequelize.transaction(async (transaction) => {
      // Still stale drafts once locked: one submitted meanwhile keeps its attachments.
      const locked = await deps.db.models.CandidateApplication.findAll({
        where: { id: { [Op.in]: drafts.map((d) => d.id) }, state: 'draft', updatedAt: { [Op.lt]: before } },
        attributes: ['id'],
        lock: transaction.LOCK.UPDATE,
        transaction,
      });
      const ids = locked.map((d) => d.id);
      removed += ids.length;
      const where = { applicationId: { [Op.in]: ids } };
      const attachments = await deps.db.models.ApplicationAttachment.findAll({ where, transaction });
      await deps.db.models.ApplicationAttachment.destroy({ where, transaction });
      await deps.db.models.CandidateApplication.destroy({ where: { id: { [Op.in]: ids } }, transaction });
      return attachments.map((a) => a.storedName);
    });
    for (const file of files) await deps.attachments.remove(file);
  }
  await finishJobRun(deps.db.sequelize, JOB, runKey, removed, now);
  if (removed > 0) deps.logger.info({ removed }, 'stale application drafts removed');
  return removed;
}

/** Every instance starts this at boot; the daily run happens once (see removeStaleDrafts). */
export function startDraftCleanup(deps: CleanupDeps, intervalMs = 60 * 60_000): () => void {
  const tick = () =>
    removeStaleDrafts(deps).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'application draft cleanup failed'),
    );
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
