import { AppError } from '../../../http/errors';
import type { Official } from '../models';
import type { RegistrationDeps } from './registrationDeps';
import { getRegistration } from './reviewRegistration';

/** The ID-card image of a registration in the official's districts (403 outside them), as a download. */
export async function scopedIdCardImage(deps: RegistrationDeps, official: Official, id: number) {
  const application = await getRegistration(deps, official, id);
  if (!application.idCardImage) throw new AppError('NOT_FOUND', { what: '证件图片' });
  const checked = await deps.idCardImages.check(await deps.idCardImages.read(application.idCardImage), Infinity, true);
  return { ...checked, disposition: `attachment; filename="id-card-${application.id}"` };
}
