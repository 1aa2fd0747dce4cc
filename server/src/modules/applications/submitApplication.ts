import { PROOF_KIND_LABELS, type ApplicationView, type CandidateApplicationKind } from '@kaowei/shared';
import { UniqueConstraintError } from 'sequelize';
import { AppError } from '../../http/errors';
import type { ApplicationsDeps } from './applicationsDeps';
import { applicationView } from './applicationViews';
import { lockApplication } from './applicationRepository';
import { KIND_RULES, assertKindAvailable, openedForm, parsedForm, storedForm } from './kinds';
import { assertEditable, openExistsError } from './ownApplication';
import { assertWindowOpen } from './windows';

/**
 * What 提交 requires of a form: its kind handled online, the window open, the form complete by its
 * kind's rule, the kind's own checks, and the required proof among the attachments. Returns the form
 * as checked (normalised).
 */
export async function checkReadyToSubmit(
  deps: ApplicationsDeps,
  kind: CandidateApplicationKind,
  ticketId: number,
  form: Record<string, unknown>,
  proofs: string[],
  now: Date,
) {
  assertKindAvailable(kind);
  const window = await assertWindowOpen(deps.db, kind, now);
  const parsed = parsedForm(kind, form);
  const rule = KIND_RULES[kind];
  if (rule.requiredProof && !proofs.includes(rule.requiredProof)) {
    throw new AppError('APPLICATION_PROOF_REQUIRED', { proof: PROOF_KIND_LABELS[rule.requiredProof] });
  }
  await rule.checkSubmit?.(deps, ticketId, parsed, now);
  return { parsed, window };
}

/**
 * 提交审核 of a 草稿, or 重新提交 of an application 未通过: it goes to the county office (again). An
 * application 未通过 reopens only if the ticket holds no other open one of its kind (the unique key).
 */
export async function submitApplication(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
  now = new Date(),
): Promise<ApplicationView> {
  const { db } = deps;
  try {
    const application = await db.sequelize.transaction(async (transaction) => {
      const locked = await lockApplication(db, id, transaction);
      if (!locked || locked.candidateId !== candidateId) throw new AppError('NOT_FOUND', { what: '申请' });
      assertEditable(locked);
      const attachments = await db.models.ApplicationAttachment.findAll({
        where: { applicationId: id },
        attributes: ['proof'],
        transaction,
      });
      const form = openedForm(deps.vault, locked.kind, locked.form);
      const { parsed } = await checkReadyToSubmit(
        deps,
        locked.kind,
        locked.ticketId,
        form,
        attachments.map((a) => a.proof),
        now,
      );
      return locked.update(
        {
          state: 'submitted',
          active: 1,
          reviewLevel: 'county',
          form: storedForm(deps.vault, locked.kind, parsed, locked.form),
          submittedAt: now,
          decidedAt: null,
        },
        { transaction },
      );
    });
    return await applicationView(db, application);
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      const application = await db.models.CandidateApplication.findByPk(id);
      throw openExistsError(application!.kind);
    }
    throw error;
  }
}
