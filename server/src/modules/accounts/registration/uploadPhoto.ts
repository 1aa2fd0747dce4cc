import { AppError } from '../../../http/errors';
import type { RegistrationDeps } from './registrationDeps';

export interface PhotoUpload {
  /** The multipart field `photo`, if the request had one. */
  bytes?: Buffer;
  ip: string;
  /** Set when an applicant correcting their application sent the registration token. */
  applicationId?: number;
  captchaId?: string;
  captchaAnswer?: string;
}

/**
 * 证件照 upload. It comes before the SMS code in the 新生注册 form, so it cannot wait for a proven
 * phone; instead every upload is counted per address and needs an image captcha, or the registration
 * token of an application (whose phone was proven). Photos no application takes are deleted after a
 * day (removeUnlinkedPhotos).
 */
export async function uploadPhoto(deps: RegistrationDeps, upload: PhotoUpload, now = new Date()) {
  if (!upload.bytes) throw new AppError('PHOTO_INVALID', { reason: '请选择照片' });
  const { hits } = await deps.db.sequelize.transaction((transaction) =>
    deps.throttles.hit(`photo:ip:${upload.ip}`, now, 3600, transaction),
  );
  if (hits > deps.config.limits.photoUploadsPerIpHourly) throw new AppError('RATE_LIMITED');
  if (upload.applicationId === undefined) await deps.captchas.check(upload.captchaId, upload.captchaAnswer, now);
  return deps.photos.save(upload.bytes);
}
