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
 * phone; instead every upload needs an image captcha, or the registration
 * token of an application (whose phone was proven), and is then counted per address. Photos no application takes are deleted after a
 * day (removeUnlinkedPhotos).
 */
export async function uploadPhoto(deps: RegistrationDeps, upload: PhotoUpload, now = new Date()) {
  if (!upload.bytes) throw new AppError('PHOTO_INVALID', { reason: '请选择照片' });
  if (upload.applicationId === undefined) await deps.captchas.check(upload.captchaId, upload.captchaAnswer, now);
  // One atomic count with no transaction: a crowd behind one address holds no pooled connection waiting.
  const limit = deps.config.limits.photoUploadsPerIpHourly;
  const rule = { windowSeconds: 3600, lockAt: limit, lockEnd: new Date(now.getTime() + 3600_000) };
  if (!(await deps.throttles.count(`photo:ip:${upload.ip}`, now, rule, true))) throw new AppError('RATE_LIMITED');
  return deps.photos.save(upload.bytes);
}
