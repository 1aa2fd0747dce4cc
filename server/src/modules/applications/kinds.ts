import {
  APPLICATION_FORMS,
  CANDIDATE_APPLICATION_KIND_LABELS,
  type ApplicationDecisionInput,
  type CandidateApplicationKind,
  type InfoChangeForm,
  type ProofKind,
  type ReviewLevel,
} from '@kaowei/shared';
import type { Transaction } from 'sequelize';
import { AppError } from '../../http/errors';
import type { RequestInfo } from '../../kernel/audit';
import type { IdCardVault } from '../../lib/idCardVault';
import type { Official } from '../accounts/models';
import type { ApplicationsDeps } from './applicationsDeps';
import { checkExemption, exemptionEffect } from './effects/exemptionEffect';
import { checkGraduation, graduationEffect } from './effects/graduationEffect';
import { infoChangeEffect, openInfoChangeForm, sealInfoChangeForm } from './effects/infoChangeEffect';
import { checkScoreReview, scoreReviewEffect } from './effects/scoreReviewEffect';
import { checkTransferIn, transferInEffect } from './effects/transferInEffect';
import { checkTransferOut, transferOutEffect } from './effects/transferOutEffect';
import type { CandidateApplication } from './models';

const MB = 1024 * 1024;

export interface EffectContext {
  deps: ApplicationsDeps;
  application: CandidateApplication;
  official: Official;
  transaction: Transaction;
  now: Date;
  /** The final approval as the official entered it (成绩复核's outcome travels with it). */
  decision: ApplicationDecisionInput;
  request: RequestInfo;
}

/** What an approval changed, frozen in the application (ID numbers masked). */
export interface EffectResult {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface KindRule {
  maxAttachments: number;
  maxAttachmentBytes: number;
  /** The proof 提交 requires among the attachments (null: none). */
  requiredProof: ProofKind | null;
  /** Who decides last for this form: the county alone, or the province after the county's opinion. */
  finalLevel(form: Record<string, unknown>): ReviewLevel;
  /** Checks on 提交 beyond the form's shape (the course exists and is not passed yet …). */
  checkSubmit?(deps: ApplicationsDeps, ticketId: number, form: unknown, now: Date): Promise<void>;
  /** Personal data kept sealed in the stored form (信息变更's new document number), and opened to check it. */
  sealForm?(
    vault: IdCardVault,
    form: Record<string, unknown>,
    previous?: Record<string, unknown>,
  ): Record<string, unknown>;
  openForm?(vault: IdCardVault, form: Record<string, unknown>): Record<string, unknown>;
  /** Applied by the final approval, in the decision's transaction. Absent: not handled online yet. */
  effect?(context: EffectContext): Promise<EffectResult>;
}

const county = () => 'county' as const;
const province = () => 'province' as const;

/**
 * Each kind's rules. 信息变更 of a document, 转入 and 成绩复核 are the province's after the county's opinion
 * (seed 003: the county stamps the 成绩复核申请表; correcting a score is the province's, as 成绩更正 is).
 */
export const KIND_RULES: Record<CandidateApplicationKind, KindRule> = {
  info_change: {
    maxAttachments: 3,
    maxAttachmentBytes: 5 * MB,
    requiredProof: 'id_document',
    finalLevel: (form) => {
      const change = form as Partial<InfoChangeForm>;
      return change.documentType !== undefined || change.documentNo !== undefined ? 'province' : 'county';
    },
    sealForm: sealInfoChangeForm,
    openForm: openInfoChangeForm,
    effect: infoChangeEffect,
  },
  exemption: {
    maxAttachments: 3,
    maxAttachmentBytes: 5 * MB,
    requiredProof: 'certificate',
    finalLevel: county,
    checkSubmit: checkExemption,
    effect: exemptionEffect,
  },
  transfer_out: {
    maxAttachments: 3,
    maxAttachmentBytes: 5 * MB,
    requiredProof: null,
    finalLevel: county,
    checkSubmit: checkTransferOut,
    effect: transferOutEffect,
  },
  transfer_in: {
    maxAttachments: 20,
    maxAttachmentBytes: 5 * MB,
    requiredProof: 'transcript',
    finalLevel: province,
    checkSubmit: checkTransferIn,
    effect: transferInEffect,
  },
  score_review: {
    maxAttachments: 2,
    maxAttachmentBytes: 5 * MB,
    requiredProof: 'application_form',
    finalLevel: province,
    checkSubmit: checkScoreReview,
    effect: scoreReviewEffect,
  },
  graduation: {
    maxAttachments: 3,
    maxAttachmentBytes: 5 * MB,
    requiredProof: null,
    finalLevel: county,
    checkSubmit: checkGraduation,
    effect: graduationEffect,
  },
};

/** The largest upload any kind takes: the multipart parser's own limit. */
export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(KIND_RULES).map((r) => r.maxAttachmentBytes));

export const kindAvailable = (kind: CandidateApplicationKind): boolean => KIND_RULES[kind].effect !== undefined;

export function assertKindAvailable(kind: CandidateApplicationKind): void {
  if (!kindAvailable(kind)) {
    throw new AppError('APPLICATION_KIND_UNAVAILABLE', { kind: CANDIDATE_APPLICATION_KIND_LABELS[kind] });
  }
}

/** The form checked by its kind's shared schema (zod's refusal carries the Chinese message). */
export function parsedForm(kind: CandidateApplicationKind, form: Record<string, unknown>): Record<string, unknown> {
  return APPLICATION_FORMS[kind].parse(form) as Record<string, unknown>;
}

/** The form as stored: sealed where the kind keeps personal data. */
export function storedForm(
  vault: IdCardVault,
  kind: CandidateApplicationKind,
  form: Record<string, unknown>,
  previous?: Record<string, unknown>,
) {
  return KIND_RULES[kind].sealForm?.(vault, form, previous) ?? form;
}

/** The stored form opened again (for 提交's check or the effect). */
export function openedForm(vault: IdCardVault, kind: CandidateApplicationKind, form: Record<string, unknown>) {
  return KIND_RULES[kind].openForm?.(vault, form) ?? form;
}
