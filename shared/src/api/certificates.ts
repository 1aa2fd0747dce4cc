import { z } from 'zod';
import type { ImportCounts, ImportJobView } from './imports';

/** 证书导入 (#15): the one sheet's header; columns are found by name. 毕业日期 is YYYY-MM-DD. */
export const CERTIFICATE_HEADERS = ['证书编号', '准考证号', '专业代码', '毕业日期'] as const;
export const CERTIFICATE_SHEET = '证书';

/** The import_jobs.kind of a certificates import. */
export const CERTIFICATES_IMPORT_KIND = 'certificates';

/** What a certificates import changed (upsert by 证书编号). */
export interface CertificateImportSummary {
  certificates: ImportCounts;
}

/** GET /api/admin/imports/certificates/:id — the import job view with this kind's counts. */
export type CertificateImportJobView = Omit<ImportJobView, 'summary'> & { summary: CertificateImportSummary | null };

/** 证书查询 (public, no login): the certificate's number, the holder's name, an image captcha. */
export const certificateLookupBody = z.object({
  certificateNo: z
    .string({ error: '请输入证书编号' })
    .trim()
    .min(1, '请输入证书编号')
    .max(32, '证书编号不能超过32个字符')
    .transform((value) => value.toUpperCase()),
  name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(32, '姓名不能超过32个字'),
  captchaId: z.string({ error: '请获取图片验证码' }).max(64),
  captchaAnswer: z.string({ error: '请输入图片验证码' }).max(16),
});
export type CertificateLookupInput = z.infer<typeof certificateLookupBody>;

/** POST /api/public/certificates: the certificate as the holder or an employer checks it. */
export interface CertificateLookupAnswer {
  certificateNo: string;
  name: string;
  /** The holder's document number, masked (`110**************X`). */
  idCardNoMasked: string;
  majorCode: string;
  majorName: string;
  majorLevel: string;
  /** 毕业日期, YYYY-MM-DD. */
  issuedOn: string;
}
