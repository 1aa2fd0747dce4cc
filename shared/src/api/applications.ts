import { z } from 'zod';
import { pageQuery } from '../adminQueries';
import { validateDocument } from '../documents';
import {
  CANDIDATE_APPLICATION_KINDS,
  CANDIDATE_APPLICATION_STATES,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  PROOF_KINDS,
  type CandidateApplicationKind,
  type CandidateApplicationState,
  type DecisionOutcome,
  type DocumentType,
  type ProofKind,
  type ReviewLevel,
} from '../domain';
import { courseCodeSchema } from '../schemas';
import { chineseName } from './accounts';
import { scoreCorrectionBody } from './scores';

// ---- 业务办理 (#16): the forms of each kind, checked on 提交 ----

const explanation = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, `请填写${label}`)
    .max(max, `${label}不能超过${max}字`);

/**
 * 信息变更: the fields to change (only those sent), with why. Name, gender and ethnicity are the county's to
 * decide; a new document type or number goes on to the province.
 */
export const infoChangeForm = z
  .object({
    name: chineseName.optional(),
    gender: z.enum(['M', 'F'], { error: '请选择性别' }).optional(),
    ethnicity: z.string().trim().min(1, '请填写民族').max(16, '民族不能超过16个字').optional(),
    documentType: z.enum(DOCUMENT_TYPES, { error: '请选择证件类型' }).optional(),
    documentNo: z.string().trim().min(1, '请输入证件号码').max(32, '证件号码不能超过32位').optional(),
    reason: explanation('变更原因'),
  })
  .superRefine((form, ctx) => {
    const fields = [form.name, form.gender, form.ethnicity, form.documentType, form.documentNo];
    if (fields.every((v) => v === undefined)) {
      ctx.addIssue({ code: 'custom', message: '请选择需要变更的信息并填写变更内容' });
    }
    if ((form.documentType === undefined) !== (form.documentNo === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['documentNo'], message: '变更证件须同时填写证件类型和证件号码' });
      return;
    }
    if (form.documentType && form.documentNo) {
      const check = validateDocument(form.documentType, form.documentNo);
      if (!check.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['documentNo'],
          message: `${DOCUMENT_TYPE_LABELS[form.documentType]}号码不正确：${check.reason}`,
        });
      }
    }
  });
export type InfoChangeForm = z.infer<typeof infoChangeForm>;

/** 免考: one course and what exempts it (the certificate itself is an attachment). */
export const exemptionForm = z.object({
  courseCode: courseCodeSchema,
  basis: explanation('免考依据（所持证书或已修课程）', 100),
});
export type ExemptionForm = z.infer<typeof exemptionForm>;

/** 转出: the province the candidate moves to. Approval marks the ticket 已转出 and gives the 转出证明. */
export const transferOutForm = z.object({
  toProvince: z.string({ error: '请填写转往省份' }).trim().min(2, '请填写转往省份').max(16, '省份不能超过16个字'),
  reason: explanation('转出原因'),
});
export type TransferOutForm = z.infer<typeof transferOutForm>;

/**
 * 转入: where from, and the courses passed there (proven by the transcript attached). The courses count
 * under the ticket of `majorCode` here (the candidate's, or a new one), by default the signed-in ticket's.
 */
export const transferInForm = z.object({
  majorCode: z.string().trim().min(1, '请填写转入专业代码').max(16, '专业代码不能超过16位').optional(),
  fromProvince: z.string({ error: '请填写转出省份' }).trim().min(2, '请填写转出省份').max(16, '省份不能超过16个字'),
  fromTicketNo: z
    .string({ error: '请填写原准考证号' })
    .trim()
    .min(6, '请填写原准考证号')
    .max(20, '准考证号不能超过20位'),
  courses: z
    .array(
      z.object({
        courseCode: courseCodeSchema,
        periodCode: z
          .string()
          .trim()
          .regex(/^\d{6}$/, '考试年月格式为YYYYMM，如202304'),
        score: z.number().int().min(0).max(100).nullable(),
      }),
    )
    .min(1, '请至少填写一门已合格课程')
    .max(40, '最多填写40门课程'),
});
export type TransferInForm = z.infer<typeof transferInForm>;

/**
 * 成绩复核: a published score of one period and course, with the reason; only within the period's number
 * of working days after publication (exam_periods.score_review_days).
 */
export const scoreReviewForm = z.object({
  periodId: z.number({ error: '请选择考次' }).int().positive('请选择考次'),
  courseCode: courseCodeSchema,
  reason: explanation('复核原因'),
});
export type ScoreReviewForm = z.infer<typeof scoreReviewForm>;

/** 毕业申请: nothing to fill; the plan's completion is checked on 提交. */
export const graduationForm = z.object({});

export const APPLICATION_FORMS = {
  info_change: infoChangeForm,
  transfer_out: transferOutForm,
  transfer_in: transferInForm,
  exemption: exemptionForm,
  score_review: scoreReviewForm,
  graduation: graduationForm,
} as const satisfies Record<CandidateApplicationKind, z.ZodType>;

/** A form as typed so far: kept as it is in a 草稿, checked by its kind's form on 提交. */
const draftForm = z
  .record(z.string().max(32), z.unknown(), { error: '表单格式不正确' })
  .refine((form) => JSON.stringify(form).length <= 8000, '表单内容过多');

export const applicationCreateBody = z.object({
  kind: z.enum(CANDIDATE_APPLICATION_KINDS, { error: '请选择办理事项' }),
  /** 我已阅读并知晓相关要求及流程 */
  noticeAccepted: z.literal(true, { error: '请先阅读并同意办理须知' }),
  form: draftForm.default({}),
  /** false: save as 草稿; true: 提交审核 (the form must then be complete). */
  submit: z.boolean().default(false),
});
export type ApplicationCreateInput = z.infer<typeof applicationCreateBody>;

/** Changes a 草稿 or an application 未通过 (correction), and optionally submits it again. */
export const applicationUpdateBody = z.object({
  form: draftForm,
  submit: z.boolean().default(false),
});
export type ApplicationUpdateInput = z.infer<typeof applicationUpdateBody>;

/** The text fields of an attachment upload (multipart; the file is the field `file`). */
export const attachmentUploadBody = z.object({
  proof: z.enum(PROOF_KINDS, { error: '请选择证明材料类型' }),
});

/** 成绩复核's result, entered with the final approval: 成绩无误, or the corrected score and why (成绩更正). */
export const scoreReviewOutcomeBody = z
  .object({
    result: z.enum(['unchanged', 'corrected'], { error: '请选择复核结果' }),
    correction: scoreCorrectionBody.optional(),
  })
  .refine((o) => o.result === 'unchanged' || o.correction !== undefined, {
    path: ['correction'],
    message: '成绩有误须填写更正后的成绩及原因',
  });
export type ScoreReviewOutcomeInput = z.infer<typeof scoreReviewOutcomeBody>;

export const applicationDecisionBody = z
  .object({
    outcome: z.enum(['approve', 'reject'], { error: '请选择审核结果' }),
    reason: z.string().trim().max(200, '原因不能超过200字').optional(),
    /** 成绩复核's final approval only. */
    scoreReview: scoreReviewOutcomeBody.optional(),
  })
  .refine((d) => d.outcome === 'approve' || (d.reason !== undefined && d.reason.length >= 2), {
    path: ['reason'],
    message: '不通过须填写原因',
  });
export type ApplicationDecisionInput = z.infer<typeof applicationDecisionBody>;

export const applicationQueueQuery = pageQuery.extend({
  kind: z.enum(CANDIDATE_APPLICATION_KINDS, { error: '请选择办理事项' }),
  state: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(CANDIDATE_APPLICATION_STATES, { error: '申请状态不正确' }).optional(),
  ),
  countyId: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce.number({ error: '县（市、区）不正确' }).int().positive('县（市、区）不正确').optional(),
  ),
});
export type ApplicationQueueQuery = z.infer<typeof applicationQueueQuery>;

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为完整的日期和时间` });

/** A kind's window, set by the province: tied to an exam period, or standing (no period). */
export const applicationWindowBody = z
  .object({
    kind: z.enum(CANDIDATE_APPLICATION_KINDS, { error: '请选择办理事项' }),
    periodId: z.number().int().positive('考次不正确').nullable().default(null),
    opensAt: instant('办理开始时间'),
    closesAt: instant('办理结束时间'),
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    path: ['closesAt'],
    message: '办理结束时间须晚于开始时间',
  });
export type ApplicationWindowInput = z.infer<typeof applicationWindowBody>;

// ---- answers ----

export interface ApplicationWindowView {
  id: number;
  kind: CandidateApplicationKind;
  kindLabel: string;
  periodId: number | null;
  opensAt: string;
  closesAt: string;
}

/** 业务办理 page: each kind, whether it is handled online yet, and its windows now or next. */
export interface ApplicationKindView {
  kind: CandidateApplicationKind;
  label: string;
  /** Handled online (the other kinds come later). */
  available: boolean;
  openNow: boolean;
  /** The window open now, else the next one, else null. */
  window: { opensAt: string; closesAt: string } | null;
  maxAttachments: number;
  maxAttachmentBytes: number;
  /** The proof 提交 requires among the attachments (null: none), so the form asks for it by name. */
  requiredProof: ProofKind | null;
}

export interface ApplicationAttachmentView {
  id: number;
  proof: ProofKind;
  proofLabel: string;
  originalName: string;
  mime: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ApplicationDecisionView {
  level: ReviewLevel;
  levelLabel: string;
  outcome: DecisionOutcome;
  outcomeLabel: string;
  reason: string | null;
  decidedAt: string;
}

/** One application as its owner sees it (officials see the same, plus the candidate's name and ticket). */
export interface ApplicationView {
  id: number;
  kind: CandidateApplicationKind;
  kindLabel: string;
  state: CandidateApplicationState;
  stateLabel: string;
  reviewLevel: ReviewLevel;
  ticketNo: string;
  form: Record<string, unknown>;
  /** Frozen on approval: what the effect changed (信息变更: the details before and after, numbers masked). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  attachments: ApplicationAttachmentView[];
  decisions: ApplicationDecisionView[];
  /** The last 未通过 decision's reason, for the correction. */
  rejectReason: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface MyApplicationsView {
  items: ApplicationView[];
}

/** The candidate's details on file now (信息变更 is compared with them before approval); the number masked. */
export interface ApplicantDetails {
  name: string;
  gender: 'M' | 'F' | null;
  ethnicity: string | null;
  documentType: DocumentType;
  documentNo: string;
}

export interface AdminApplicationView extends ApplicationView {
  candidateId: number;
  candidateName: string;
  countyId: number | null;
  countyName: string | null;
  current: ApplicantDetails;
  /** Who decides last for this form: the county alone, or the province after the county's 通过 (报省). */
  finalLevel: ReviewLevel;
}

/** A review queue: one kind, filtered, with how many are in each state (within the same scope and county). */
export interface ApplicationQueueView {
  items: AdminApplicationView[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<CandidateApplicationState, number>;
}
