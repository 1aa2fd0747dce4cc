import type { AdminApplicationView, ApplicationDecisionInput, DecisionOutcome, ReviewLevel } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import { officialActor } from '../../kernel/actor';
import { writeAudit, type RequestInfo } from '../../kernel/audit';
import { assertCountyInScope, assertProvince } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import type { ApplicationsDeps } from './applicationsDeps';
import { lockApplication } from './applicationRepository';
import { adminApplicationViews } from './applicationViews';
import { KIND_RULES, assertKindAvailable, type EffectResult } from './kinds';
import type { CandidateApplication } from './models';
import { notifyApplicationDecided } from '../notifications/eventNotices';

/**
 * The level the official decides at: the province decides whatever reaches it (and, acting for a county,
 * decides finally); a county or city office only the county step of an application in its districts.
 */
async function levelOf(db: Db, official: Official, application: CandidateApplication): Promise<ReviewLevel> {
  if (official.role === 'province') return 'province';
  if (application.reviewLevel === 'province') assertProvince(official);
  await assertCountyInScope(db, official, application.countyId);
  return 'county';
}

const PENDING = new Set(['submitted', 'in_review']);

/**
 * 审核: 不通过 (with its reason) ends the application for correction; 通过 at the county of a form the
 * province decides sends it up (审核中); the final 通过 applies the kind's effect in the same transaction
 * as the decision and freezes what it changed. Every decision is kept and audited.
 */
export async function decideApplication(
  deps: ApplicationsDeps,
  official: Official,
  id: number,
  input: ApplicationDecisionInput,
  request: RequestInfo,
  now = new Date(),
): Promise<AdminApplicationView> {
  const { db } = deps;
  const found = await db.models.CandidateApplication.findByPk(id);
  if (!found || found.state === 'draft') throw new AppError('NOT_FOUND', { what: '申请' });
  const level = await levelOf(db, official, found);
  const application = await db.sequelize.transaction(async (transaction) => {
    const locked = (await lockApplication(db, id, transaction))!;
    if (!PENDING.has(locked.state) || locked.reviewLevel !== found.reviewLevel) {
      throw new AppError('APPLICATION_ALREADY_DECIDED');
    }
    const rule = KIND_RULES[locked.kind];
    const before = { state: locked.state, reviewLevel: locked.reviewLevel };
    let outcome: DecisionOutcome;
    let effect: EffectResult | null = null;
    const final = input.outcome === 'approve' && !(level === 'county' && rule.finalLevel(locked.form) === 'province');
    // 成绩复核's outcome is the final approval's to enter, and nothing else's.
    if (input.scoreReview && !(final && locked.kind === 'score_review')) {
      throw new AppError('SCORE_REVIEW_OUTCOME_UNEXPECTED');
    }
    if (input.outcome === 'reject') {
      outcome = 'rejected';
      await locked.update({ state: 'rejected', active: null, decidedAt: now }, { transaction });
    } else if (!final) {
      outcome = 'forwarded';
      await locked.update({ state: 'in_review', reviewLevel: 'province' }, { transaction });
    } else {
      outcome = 'approved';
      assertKindAvailable(locked.kind);
      effect = await rule.effect!({ deps, application: locked, official, transaction, now, decision: input, request });
      await locked.update(
        { state: 'approved', active: null, reviewLevel: level, decidedAt: now, ...effect },
        { transaction },
      );
    }
    const reason = input.reason ?? null;
    await db.models.ApplicationDecision.create(
      { applicationId: id, level, officialId: official.id, outcome, reason, decidedAt: now },
      { transaction },
    );
    await notifyApplicationDecided(transaction, locked, { outcome, reason }, now);
    await writeAudit(
      db,
      officialActor(official),
      {
        action: `application.${outcome}`,
        entityType: 'candidate_application',
        entityId: id,
        before,
        after: { state: locked.state, reviewLevel: locked.reviewLevel, kind: locked.kind, ...(effect && { effect }) },
        reason,
        countyId: locked.countyId,
        ...request,
      },
      transaction,
    );
    return locked;
  });
  const [view] = await adminApplicationViews(db, [application]);
  return view!;
}
