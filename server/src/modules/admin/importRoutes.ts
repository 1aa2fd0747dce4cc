import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import multer from '@koa/multer';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { IMPORT_MAX_BYTES } from '@kaowei/shared';
import type { Middleware } from 'koa';
import { ApiRouter } from '../../http/apiRouter';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/idParam';
import type { AppState } from '../../http/types';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { enrolledTemplateCsv, enrolledTemplateXlsx } from '../records/enrolledImport/enrolledTemplate';
import { kickImports } from '../records/enrolledImport/importWorker';
import { startEnrolledImport } from '../records/enrolledImport/startEnrolledImport';
import { importsDir, uploadEnrolledImport } from '../records/enrolledImport/uploadEnrolledImport';
import { listImportJobs, viewImportJob } from '../records/enrolledImport/viewImportJob';
import { provinceOnly, requestInfo, sheetUploadRefusals } from './adminHttp';

const tag = '管理后台：考籍导入';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const attachment = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Multipart file fields (one file each) streamed to DATA_DIR/imports/incoming; `malformed` says which. */
export function importUpload(dataDir: string, fields: string[], malformed: string): Middleware<AppState> {
  const destination = path.join(importsDir(dataDir), 'incoming');
  mkdirSync(destination, { recursive: true });
  const upload = multer({
    storage: multer.diskStorage({ destination, filename: (_req, _file, callback) => callback(null, randomUUID()) }),
    limits: { fileSize: IMPORT_MAX_BYTES, files: fields.length },
    defParamCharset: 'utf8',
  }).fields(fields.map((name) => ({ name, maxCount: 1 })));
  return sheetUploadRefusals(upload, { tooLarge: `文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB`, malformed });
}

/** Multipart fields `file` (XLSX, or the 考籍 CSV) and `passedFile` (the 已合格课程 CSV), streamed to disk. */
const enrolledUpload = (dataDir: string) =>
  importUpload(dataDir, ['file', 'passedFile'], '请以表单字段 file（及 passedFile）上传 .xlsx 或 .csv 文件');

/** 考籍导入 (#13, province only): template, upload with dry run, start, progress. */
export function importRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens), provinceOnly];
  const base = { tag, security: 'official' as const, guards };
  const jobId = (ctx: Parameters<Parameters<ApiRouter['route']>[1]>[0]) => idParam(ctx, 'id', '导入任务');

  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/imports/enrolled/template.xlsx',
      summary: '下载考籍导入模板（Excel，两个工作表）',
    },
    async (ctx) => {
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', attachment('考籍导入模板.xlsx', 'enrolled-template.xlsx'));
      return enrolledTemplateXlsx();
    },
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/imports/enrolled/template-:sheet.csv',
      summary: '下载考籍导入模板（CSV，sheet=tickets 考籍 或 passed 已合格课程）',
    },
    async (ctx) => {
      const sheet = ctx.params.sheet;
      if (sheet !== 'tickets' && sheet !== 'passed') throw new AppError('NOT_FOUND', { what: '模板' });
      ctx.type = 'text/csv; charset=utf-8';
      const name = sheet === 'tickets' ? '考籍' : '已合格课程';
      ctx.set('Content-Disposition', attachment(`${name}模板.csv`, `enrolled-${sheet}.csv`));
      return enrolledTemplateCsv(sheet);
    },
  );
  api.route(
    {
      ...base,
      guards: [...guards, enrolledUpload(deps.config.dataDir)],
      method: 'post',
      path: '/api/admin/imports/enrolled',
      summary: '上传考籍导入文件并预检（file：xlsx 或考籍 csv；passedFile：已合格课程 csv，可选；不超过50MB）',
      contentType: 'multipart/form-data',
    },
    async (ctx) => {
      const files = ctx.request.files ?? {};
      const job = await uploadEnrolledImport(
        deps,
        ctx.state.official!,
        { file: files.file?.[0], passedFile: files.passedFile?.[0] },
        requestInfo(ctx),
      );
      void kickImports(deps);
      ctx.status = 201;
      return job;
    },
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/imports/enrolled', summary: '考籍导入任务列表（最近20个）' },
    (ctx) => listImportJobs(deps, ctx.state.official!),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/imports/enrolled/:id', summary: '考籍导入任务状态、预检错误和结果' },
    (ctx) => viewImportJob(deps, ctx.state.official!, jobId(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/imports/enrolled/:id/start',
      summary: '开始导入（预检无误的任务；分批提交，可中断续传）',
    },
    async (ctx) => {
      const job = await startEnrolledImport(deps, ctx.state.official!, jobId(ctx), requestInfo(ctx));
      void kickImports(deps);
      return job;
    },
  );
  return api;
}
