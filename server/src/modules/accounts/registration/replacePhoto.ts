import type { RegistrationView } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { RegistrationDeps } from './registrationDeps';
import { assertNotWithdrawn } from './registrationState';
import { applicationView, findOwnApplication } from './submitRegistration';

/** After a 不合格 verdict the applicant uploads another photo; it waits for the office's verdict again. */
export async function replacePhoto(
  deps: RegistrationDeps,
  applicationId: number,
  photoId: string,
  now = new Date(),
): Promise<RegistrationView> {
  const application = await findOwnApplication(deps, applicationId);
  if (!(await deps.photos.linkable(photoId, now))) throw new AppError('PHOTO_INVALID', { reason: '请重新上传照片' });
  await deps.db.sequelize.transaction(async (transaction) => {
    await application.reload({ transaction, lock: transaction.LOCK.UPDATE });
    if (application.state === 'approved') throw new AppError('REGISTRATION_FROZEN');
    assertNotWithdrawn(application, now);
    if (application.photoState !== 'rejected') throw new AppError('PHOTO_ALREADY_JUDGED');
    await application.update({ photoPath: photoId, photoState: 'pending', photoRejectReason: null }, { transaction });
  });
  return applicationView(deps, application, now);
}
