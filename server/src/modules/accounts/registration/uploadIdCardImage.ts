import { AppError } from '../../../http/errors';
import type { RegistrationDeps } from './registrationDeps';
import type { PhotoUpload } from './uploadPhoto';

/** An ID card photographed by a phone; larger ones are refused before anything is stored. */
export const ID_CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Like photos: an image no application takes within a day is not linkable any more. */
const LINKABLE_MS = 23 * 3600_000;

/**
 * 身份证件图片 (seed 003): checked by its own bytes (JPG or PNG) through the applications' AttachmentStore
 * and kept as uploaded under uploads/registrations. Like the photo it comes before the SMS code, so it
 * needs an image captcha or the registration token, and is counted per address.
 */
export async function uploadIdCardImage(deps: RegistrationDeps, upload: PhotoUpload, now = new Date()) {
  if (!upload.bytes) throw new AppError('ATTACHMENT_INVALID', { reason: '请选择证件图片' });
  const checked = await deps.idCardImages.check(upload.bytes, ID_CARD_IMAGE_MAX_BYTES, true);
  if (upload.applicationId === undefined) await deps.captchas.check(upload.captchaId, upload.captchaAnswer, now);
  const limit = deps.config.limits.photoUploadsPerIpHourly;
  const rule = { windowSeconds: 3600, lockAt: limit, lockEnd: new Date(now.getTime() + 3600_000) };
  if (!(await deps.throttles.count(`idcard:ip:${upload.ip}`, now, rule, true))) throw new AppError('RATE_LIMITED');
  return { idCardImageId: await deps.idCardImages.write(checked) };
}

/** Whether a form may still take this image: uploaded, and recent. */
export async function idCardImageLinkable(deps: RegistrationDeps, imageId: string, now = new Date()) {
  const writtenAt = await deps.idCardImages.writtenAt(imageId);
  return writtenAt !== null && now.getTime() - writtenAt.getTime() < LINKABLE_MS;
}
