import type { CandidateApplicationState } from '@kaowei/shared';

/** The colour of each state's badge (草稿/已提交/审核中/已通过/未通过/已撤回). */
export const STATE_BADGES: Record<CandidateApplicationState, string> = {
  draft: '',
  submitted: 'badge-warning',
  in_review: 'badge-warning',
  approved: 'badge-success',
  rejected: 'badge-danger',
  withdrawn: '',
};
