import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CERTIFICATES_IMPORT_KIND } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { emptyCertificateSummary } from '../records/certificates/certificateImport';
import { certificateTemplateCsv, certificateTemplateXlsx } from '../records/certificates/certificateTemplate';
import { uploadCertificateImport } from '../records/certificates/uploadCertificateImport';
import {
  certificateJobView,
  listCertificateImports,
  viewCertificateImport,
} from '../records/certificates/viewCertificateImports';
import { kickImports } from '../records/enrolledImport/importWorker';
import { startImportJob } from '../records/enrolledImport/startEnrolledImport';
import { provinceOnly, requestInfo } from './adminHttp';
import { attachment, importUpload, XLSX_TYPE } from './importRoutes';

/** 证书导入 (province, #15): template, upload with dry run, start, progress. */
export function certificateImportRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens), provinceOnly];
  const base = { tag: '管理后台：证书导入', security: 'official' as const, guards };
  const jobId = (ctx: Parameters<Parameters<ApiRouter['route']>[1]>[0]) => idParam(ctx, 'id', '导入任务');

  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/imports/certificates/template.xlsx',
      summary: '下载证书导入模板（Excel）',
    },
    async (ctx) => {
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', attachment('证书导入模板.xlsx', 'certificates-template.xlsx'));
      return certificateTemplateXlsx();
    },
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/imports/certificates/template.csv',
      summary: '下载证书导入模板（CSV）',
    },
    (ctx) => {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', attachment('证书导入模板.csv', 'certificates-template.csv'));
      return certificateTemplateCsv();
    },
  );
  api.route(
    {
      ...base,
      guards: [...guards, importUpload(deps.config.dataDir, ['file'], '请以表单字段 file 上传 .xlsx 或 .csv 文件')],
      method: 'post',
      path: '/api/admin/imports/certificates',
      summary: '上传证书导入文件并预检（file：xlsx 或 csv，不超过50MB）',
      contentType: 'multipart/form-data',
    },
    async (ctx) => {
      const file = ctx.request.files?.file?.[0];
      const job = await uploadCertificateImport(deps, ctx.state.official!, file, requestInfo(ctx));
      void kickImports(deps);
      ctx.status = 201;
      return job;
    },
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/imports/certificates', summary: '证书导入任务列表（最近20个）' },
    (ctx) => listCertificateImports(deps.db, ctx.state.official!),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/imports/certificates/:id',
      summary: '证书导入任务状态、预检错误和结果',
    },
    (ctx) => viewCertificateImport(deps.db, ctx.state.official!, jobId(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/imports/certificates/:id/start',
      summary: '开始导入证书（预检无误的任务；分批提交，可中断续传）',
    },
    async (ctx) => {
      const job = await startImportJob(deps, ctx.state.official!, jobId(ctx), requestInfo(ctx), {
        kind: CERTIFICATES_IMPORT_KIND,
        summary: emptyCertificateSummary(),
      });
      void kickImports(deps);
      return certificateJobView(job);
    },
  );
  return api;
}
