import type { ApplicationCreateInput, ApplicationView } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import type { ApplicationsDeps } from './applicationsDeps';
import { applicationView } from './applicationViews';
import { assertKindAvailable, storedForm } from './kinds';
import { openExistsError } from './ownApplication';
import { checkReadyToSubmit, submitApplication } from './submitApplication';
import { assertWindowOpen } from './windows';

/**
 * A new application under the ticket the candidate signed in with, after its 须知 was accepted: saved as
 * a 草稿 (the form as typed so far), or submitted at once when the kind needs no attachment. Inside the
 * kind's window only; one open application per kind and ticket (the database's unique key decides two
 * at once).
 */
export async function createApplication(
  deps: ApplicationsDeps,
  candidate: Candidate,
  ticketId: number | undefined,
  input: ApplicationCreateInput,
  now = new Date(),
): Promise<ApplicationView> {
  if (ticketId === undefined) throw new AppError('APPLICATION_TICKET_REQUIRED');
  assertKindAvailable(input.kind);
  const window = await assertWindowOpen(deps.db, input.kind, now);
  // Submitting at once: everything 提交 checks, before anything is kept.
  if (input.submit) await checkReadyToSubmit(deps, input.kind, ticketId, input.form, [], now);
  let application;
  try {
    application = await deps.db.models.CandidateApplication.create({
      kind: input.kind,
      state: 'draft',
      candidateId: candidate.id,
      ticketId,
      countyId: candidate.countyId,
      periodId: window.periodId,
      form: storedForm(deps.vault, input.kind, input.form),
      noticeAcceptedAt: now,
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw openExistsError(input.kind);
    throw error;
  }
  if (input.submit) return submitApplication(deps, candidate.id, application.id, now);
  return applicationView(deps.db, application);
}
