import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { scoreCorrectionBody, scoreLookupQuery, scoreReviewDaysBody, scoresPublishBody } from '@kaowei/shared';
import { z } from 'zod';
import { ApiRouter } from '../../http/apiRouter';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/idParam';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { startImportJob } from '../records/enrolledImport/startEnrolledImport';
import { kickImports } from '../records/enrolledImport/importWorker';
import { correctScoreByOffice } from '../records/scores/correctScore';
import { emptyScoresSummary, SCORES_KIND } from '../records/scores/scoresImport';
import { scoresTemplateCsv, scoresTemplateXlsx } from '../records/scores/scoresTemplate';
import { setScoreReviewDays } from '../records/scores/setScoreReviewDays';
import { setScoresPublishTime } from '../records/scores/setScoresPublishTime';
import { uploadScoresImport } from '../records/scores/uploadScoresImport';
import {
  findScore,
  listScoresJobs,
  listScoresPeriods,
  scoresJobView,
  viewScoresJob,
} from '../records/scores/viewScores';
import { provinceOnly, requestInfo } from './adminHttp';
import { attachment, importUpload, XLSX_TYPE } from './importRoutes';

const tag = '管理后台：成绩导入与发布';
const periodQuery = z.object({ periodId: z.coerce.number().int().positive() });

/** 成绩导入与发布 (#15, province only): template, upload with dry run, import, publish time, 成绩更正. */
export function scoreRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens), provinceOnly];
  const base = { tag, security: 'official' as const, guards };
  type Ctx = Parameters<Parameters<ApiRouter['route']>[1]>[0];
  const id = (ctx: Ctx, what: string) => idParam(ctx, 'id', what);

  api.route(
    { ...base, method: 'get', path: '/api/admin/scores/template.:format', summary: '下载成绩导入模板（xlsx 或 csv）' },
    async (ctx) => {
      const format = ctx.params.format;
      if (format === 'xlsx') {
        ctx.type = XLSX_TYPE;
        ctx.set('Content-Disposition', attachment('成绩导入模板.xlsx', 'scores-template.xlsx'));
        return scoresTemplateXlsx();
      }
      if (format !== 'csv') throw new AppError('NOT_FOUND', { what: '模板' });
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', attachment('成绩导入模板.csv', 'scores-template.csv'));
      return scoresTemplateCsv();
    },
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/scores/periods', summary: '考次列表：成绩发布时间与成绩数' },
    (ctx) => listScoresPeriods(deps.db, ctx.state.official!),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/admin/scores/periods/:id/publish-time',
      summary: '设置成绩发布时间（到达前可修改或取消，到达后不能修改；记入审计日志）',
      body: scoresPublishBody,
    },
    (ctx, { body }) => setScoresPublishTime(deps.db, ctx.state.official!, id(ctx, '考次'), body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/admin/scores/periods/:id/score-review-days',
      summary: '设置成绩复核申请期限（成绩发布后若干个工作日内；记入审计日志）',
      body: scoreReviewDaysBody,
    },
    (ctx, { body }) => setScoreReviewDays(deps.db, ctx.state.official!, id(ctx, '考次'), body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      guards: [...guards, importUpload(deps.config.dataDir, ['file'], '请以表单字段 file 上传 .xlsx 或 .csv 文件')],
      method: 'post',
      path: '/api/admin/scores/imports',
      summary: '上传某考次的成绩文件并预检（periodId；file：xlsx 或 csv，不超过50MB）',
      contentType: 'multipart/form-data',
      query: periodQuery,
    },
    async (ctx, { query }) => {
      const files = ctx.request.files ?? {};
      const official = ctx.state.official!;
      const job = await uploadScoresImport(deps, official, query.periodId, files.file?.[0], requestInfo(ctx));
      void kickImports(deps);
      ctx.status = 201;
      return job;
    },
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/scores/imports',
      summary: '某考次的成绩导入任务（最近20个）',
      query: periodQuery,
    },
    (ctx, { query }) => listScoresJobs(deps.db, ctx.state.official!, query.periodId),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/scores/imports/:id', summary: '成绩导入任务状态、预检错误和结果' },
    (ctx) => viewScoresJob(deps.db, ctx.state.official!, id(ctx, '导入任务')),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/scores/imports/:id/start',
      summary: '开始导入成绩（预检无误的任务；分批提交，可中断续传）',
    },
    async (ctx) => {
      const job = await startImportJob(deps, ctx.state.official!, id(ctx, '导入任务'), requestInfo(ctx), {
        kind: SCORES_KIND,
        summary: emptyScoresSummary(),
      });
      void kickImports(deps);
      return scoresJobView(job);
    },
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/scores',
      summary: '按考次、准考证号和课程代码查找一条成绩（成绩更正）',
      query: scoreLookupQuery,
    },
    (ctx, { query }) => findScore(deps.db, ctx.state.official!, query),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/admin/scores/:id',
      summary: '成绩更正：新的成绩、等级或标记，须填写原因；已合格课程随之更新，记入审计日志',
      body: scoreCorrectionBody,
    },
    (ctx, { body }) => correctScoreByOffice(deps.db, ctx.state.official!, id(ctx, '成绩'), body, requestInfo(ctx)),
  );
  return api;
}
