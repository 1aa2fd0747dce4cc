import { CANDIDATE_APPLICATION_STATE_LABELS, type ApplicationView } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { ApplicationsDeps } from './applicationsDeps';
import { lockApplication } from './applicationRepository';
import { applicationView } from './applicationViews';

/**
 * 撤回: a 草稿, or an application submitted and not yet decided by anyone in this round. Its attachments go
 * with it (rows in the transaction, files after it commits); the kind may then be applied for again.
 */
export async function withdrawApplication(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
): Promise<ApplicationView> {
  const { db } = deps;
  const { application, files } = await db.sequelize.transaction(async (transaction) => {
    const locked = await lockApplication(db, id, transaction);
    if (!locked || locked.candidateId !== candidateId) throw new AppError('NOT_FOUND', { what: '申请' });
    if (locked.state !== 'draft' && locked.state !== 'submitted') {
      throw new AppError('APPLICATION_NOT_WITHDRAWABLE', { state: CANDIDATE_APPLICATION_STATE_LABELS[locked.state] });
    }
    const attachments = await db.models.ApplicationAttachment.findAll({ where: { applicationId: id }, transaction });
    await db.models.ApplicationAttachment.destroy({ where: { applicationId: id }, transaction });
    await locked.update({ state: 'withdrawn', active: null }, { transaction });
    return { application: locked, files: attachments.map((a) => a.storedName) };
  });
  for (const file of files) await deps.attachments.remove(file);
  return applicationView(db, application);
}
