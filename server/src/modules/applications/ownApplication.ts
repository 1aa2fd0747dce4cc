import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  CANDIDATE_APPLICATION_STATE_LABELS,
  type CandidateApplicationKind,
  type CandidateApplicationState,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { CandidateApplication } from './models';

/** The candidate's own application; another's is "not found", as if it did not exist. */
export async function findOwnApplication(db: Db, candidateId: number, id: number): Promise<CandidateApplication> {
  const application = await db.models.CandidateApplication.findByPk(id);
  if (!application || application.candidateId !== candidateId) throw new AppError('NOT_FOUND', { what: '申请' });
  return application;
}

/** A 草稿, or an application 未通过 being corrected: the only ones whose form and attachments change. */
export const EDITABLE_STATES: readonly CandidateApplicationState[] = ['draft', 'rejected'];

export function assertEditable(application: CandidateApplication): void {
  if (!EDITABLE_STATES.includes(application.state)) {
    throw new AppError('APPLICATION_NOT_EDITABLE', { state: CANDIDATE_APPLICATION_STATE_LABELS[application.state] });
  }
}

/** The unique key refused a second open application of the kind under the ticket. */
export function openExistsError(kind: CandidateApplicationKind): AppError {
  return new AppError('APPLICATION_OPEN_EXISTS', { kind: CANDIDATE_APPLICATION_KIND_LABELS[kind] });
}
