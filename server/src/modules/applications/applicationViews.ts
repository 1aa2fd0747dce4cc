import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  CANDIDATE_APPLICATION_STATE_LABELS,
  DECISION_OUTCOME_LABELS,
  PROOF_KIND_LABELS,
  REVIEW_LEVEL_LABELS,
  type AdminApplicationView,
  type ApplicationView,
} from '@kaowei/shared';
import type { Db } from '../../db/models';
import { detailsOf, labelsOf } from './applicationRepository';
import { KIND_RULES } from './kinds';
import type { CandidateApplication } from './models';

/** The stored form as shown: sealed values (a document number's ciphertext) left out, the mask kept. */
function shownForm(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).filter(([key]) => !key.endsWith('Cipher')));
}

/** Applications as their owner and the officials see them, with attachments, decisions and labels. */
export async function adminApplicationViews(
  db: Db,
  applications: CandidateApplication[],
): Promise<AdminApplicationView[]> {
  const ids = applications.map((a) => a.id);
  const [details, labels] = await Promise.all([detailsOf(db, ids), labelsOf(db, ids)]);
  return applications.map((a) => {
    const decisions = details.decisions.get(a.id) ?? [];
    const label = labels.get(a.id);
    const lastRejection = a.state === 'rejected' ? decisions.filter((d) => d.outcome === 'rejected').at(-1) : undefined;
    return {
      id: a.id,
      kind: a.kind,
      kindLabel: CANDIDATE_APPLICATION_KIND_LABELS[a.kind],
      state: a.state,
      stateLabel: CANDIDATE_APPLICATION_STATE_LABELS[a.state],
      reviewLevel: a.reviewLevel,
      ticketNo: label?.ticket_no ?? '',
      form: shownForm(a.form),
      before: a.before,
      after: a.after,
      attachments: (details.attachments.get(a.id) ?? []).map((f) => ({
        id: f.id,
        proof: f.proof,
        proofLabel: PROOF_KIND_LABELS[f.proof],
        originalName: f.originalName,
        mime: f.mime,
        sizeBytes: f.sizeBytes,
        uploadedAt: f.createdAt.toISOString(),
      })),
      decisions: decisions.map((d) => ({
        level: d.level,
        levelLabel: REVIEW_LEVEL_LABELS[d.level],
        outcome: d.outcome,
        outcomeLabel: DECISION_OUTCOME_LABELS[d.outcome],
        reason: d.reason,
        decidedAt: d.decidedAt.toISOString(),
      })),
      rejectReason: lastRejection?.reason ?? null,
      createdAt: a.createdAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      candidateId: a.candidateId,
      candidateName: label?.candidate_name ?? '',
      countyId: a.countyId,
      countyName: label?.county_name ?? null,
      current: {
        name: label?.candidate_name ?? '',
        gender: label?.gender ?? null,
        ethnicity: label?.ethnicity ?? null,
        documentType: label?.document_type ?? 'resident_id',
        documentNo: label?.id_card_masked ?? '',
      },
      finalLevel: KIND_RULES[a.kind].finalLevel(a.form),
    };
  });
}

/** The owner's view: the same without the officials' columns. */
export async function applicationViews(db: Db, applications: CandidateApplication[]): Promise<ApplicationView[]> {
  const views = await adminApplicationViews(db, applications);
  return views.map(
    ({ candidateId: _c, candidateName: _n, countyId: _i, countyName: _cn, current: _d, finalLevel: _f, ...view }) =>
      view,
  );
}

export async function applicationView(db: Db, application: CandidateApplication): Promise<ApplicationView> {
  const [view] = await applicationViews(db, [application]);
  return view!;
}
