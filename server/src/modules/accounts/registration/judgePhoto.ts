import type { RegistrationView } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import { officialActor } from '../../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../../kernel/audit';
import type { Official } from '../models';
import type { RegistrationDeps } from './registrationDeps';
import { assertNotWithdrawn } from './registrationState';
import { getRegistration } from './reviewRegistration';
import { applicationView } from './submitRegistration';

/**
 * The office judges the photo apart from the application (照片状态, seed 003): 合格, or 不合格 with the
 * reason the candidate sees. Each rejection is counted; after three the candidate is offered to have
 * the photo taken at the county office. Only while the application awaits review; audited.
 */
export async function judgePhoto(
  deps: RegistrationDeps,
  official: Official,
  id: number,
  verdict: { verdict: 'approved' | 'rejected'; reason?: string },
  request: RequestInfo,
): Promise<RegistrationView> {
  await getRegistration(deps, official, id);
  const now = new Date();
  const application = await deps.db.sequelize.transaction(async (transaction) => {
    const locked = await deps.db.models.Application.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!locked || locked.state !== 'submitted') throw new AppError('APPLICATION_ALREADY_DECIDED');
    assertNotWithdrawn(locked, now);
    if (locked.photoState !== 'pending') throw new AppError('PHOTO_ALREADY_JUDGED');
    const rejected = verdict.verdict === 'rejected';
    const before = { photoState: locked.photoState, photoRejections: locked.photoRejections };
    await locked.update(
      {
        photoState: verdict.verdict,
        photoRejectReason: rejected ? verdict.reason! : null,
        photoRejections: locked.photoRejections + (rejected ? 1 : 0),
      },
      { transaction },
    );
    await writeAudit(
      deps.db,
      officialActor(official),
      {
        action: `registration.photo_${verdict.verdict}`,
        entityType: 'application',
        entityId: locked.id,
        before,
        after: { photoState: locked.photoState, photoRejections: locked.photoRejections },
        reason: locked.photoRejectReason,
        countyId: locked.countyId,
        ...request,
      },
      transaction,
    );
    return locked;
  });
  return applicationView(deps, application, now);
}
