import type {
  ApplicationKindView,
  ApplicationView,
  CandidateApplicationKind,
  MyApplicationsView,
  ProofKind,
} from '@kaowei/shared';
import { openPdf } from '../services/pdfDownload';
import { request, upload } from '../services/request';

/** 业务办理's calls (#16): the kinds, the candidate's applications, their attachments. */
export const applicationsApi = {
  kinds: () => request<{ kinds: ApplicationKindView[] }>('/api/applications/kinds'),
  mine: () => request<MyApplicationsView>('/api/applications'),
  get: (id: number) => request<ApplicationView>(`/api/applications/${id}`),
  create: (kind: CandidateApplicationKind, form: Record<string, unknown>, submit = false) =>
    request<ApplicationView>('/api/applications', {
      method: 'POST',
      data: { kind, noticeAccepted: true, form, submit },
      quiet: true,
    }),
  update: (id: number, form: Record<string, unknown>, submit = false) =>
    request<ApplicationView>(`/api/applications/${id}`, { method: 'PUT', data: { form, submit }, quiet: true }),
  withdraw: (id: number) =>
    request<ApplicationView>(`/api/applications/${id}/withdraw`, { method: 'POST', quiet: true }),
  attach: (id: number, file: { path: string; name: string }, proof: ProofKind) =>
    upload<ApplicationView>(`/api/applications/${id}/attachments`, {
      filePath: file.path,
      fileName: file.name,
      name: 'file',
      formData: { proof },
    }),
  /** 转出证明 of an approved 转出: saved (H5) or opened in the document viewer (WeChat). */
  transferCertificate: async (id: number) => {
    await request<ApplicationView>(`/api/applications/${id}`); // refreshes an expired token first
    return openPdf(
      `/api/applications/${id}/transfer-certificate`,
      `转出证明-${id}.pdf`,
      '转出证明下载失败，请稍后重试',
    );
  },
  detach: (id: number, attachmentId: number) =>
    request<ApplicationView>(`/api/applications/${id}/attachments/${attachmentId}`, { method: 'DELETE', quiet: true }),
};
