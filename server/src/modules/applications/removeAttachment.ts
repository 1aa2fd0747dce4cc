import type { ApplicationView } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { ApplicationsDeps } from './applicationsDeps';
import { lockApplication } from './applicationRepository';
import { applicationView } from './applicationViews';
import { assertEditable } from './ownApplication';

/** Removes a proof from a 草稿 or an application being corrected: the row, then the file. */
export async function removeAttachment(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
  attachmentId: number,
): Promise<ApplicationView> {
  const { db } = deps;
  const { application, storedName } = await db.sequelize.transaction(async (transaction) => {
    const locked = await lockApplication(db, id, transaction);
    if (!locked || locked.candidateId !== candidateId) throw new AppError('NOT_FOUND', { what: '申请' });
    assertEditable(locked);
    const attachment = await db.models.ApplicationAttachment.findOne({
      where: { id: attachmentId, applicationId: id },
      transaction,
    });
    if (!attachment) throw new AppError('NOT_FOUND', { what: '附件' });
    await attachment.destroy({ transaction });
    return { application: locked, storedName: attachment.storedName };
  });
  await deps.attachments.remove(storedName);
  return applicationView(db, application);
}
