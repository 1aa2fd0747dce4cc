import type { ApplicationUpdateInput, ApplicationView } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { ApplicationsDeps } from './applicationsDeps';
import { lockApplication } from './applicationRepository';
import { applicationView } from './applicationViews';
import { storedForm } from './kinds';
import { assertEditable } from './ownApplication';
import { submitApplication } from './submitApplication';

/**
 * Saves a 草稿's form, or corrects an application 未通过 (its reason is in the view), and with `submit`
 * sends it to review (again). Approved data is frozen: anything else is refused.
 */
export async function updateApplication(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
  input: ApplicationUpdateInput,
  now = new Date(),
): Promise<ApplicationView> {
  const { db } = deps;
  const application = await db.sequelize.transaction(async (transaction) => {
    const locked = await lockApplication(db, id, transaction);
    if (!locked || locked.candidateId !== candidateId) throw new AppError('NOT_FOUND', { what: '申请' });
    assertEditable(locked);
    return locked.update({ form: storedForm(deps.vault, locked.kind, input.form, locked.form) }, { transaction });
  });
  if (input.submit) return submitApplication(deps, candidateId, id, now);
  return applicationView(db, application);
}
