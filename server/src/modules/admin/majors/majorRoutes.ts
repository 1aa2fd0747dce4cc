import { majorImportQuery, majorInputBody, majorTemplateQuery, majorUpdateBody, planCourseBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiContext, ApiRouter } from '../../../http/apiRouter';
import { AppError } from '../../../http/errors';
import { idParam } from '../../../http/idParam';
import type { AppState } from '../../../http/types';
import type { Services } from '../../../services';
import { provinceOnly, requestInfo } from '../adminHttp';
import { sheetUpload } from '../offerings/offeringRoutes';
import { readSheet } from '../offerings/readSheet';
import { importMajorSheet } from './importMajors';
import { createMajor, listMajors, majorDetail, removePlanCourse, setPlanCourse, updateMajor } from './majors';
import { majorTemplate } from './majorTemplate';

const tag = '管理后台：专业管理';

/** 专业管理: every official reads majors and plans; only the province changes or imports them. */
export function addMajorRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const };
  const province = { ...base, guards: [official, provinceOnly] };
  const majorId = (ctx: ApiContext) => idParam(ctx, 'id', '专业');

  api.route(
    { ...base, guards: [official], method: 'get', path: '/api/admin/majors', summary: '专业列表（含状态）' },
    () => listMajors(deps.db),
  );

  api.route(
    {
      ...base,
      guards: [official],
      method: 'get',
      path: '/api/admin/majors/import-template',
      summary: '专业或课程计划导入模板（kind=majors|plans）',
      query: majorTemplateQuery,
    },
    async (ctx, { query }) => {
      const file = await majorTemplate(query.kind);
      ctx.type = file.contentType;
      ctx.set('Content-Disposition', file.disposition);
      return file.bytes;
    },
  );

  api.route(
    {
      ...province,
      guards: [...province.guards, sheetUpload()],
      method: 'post',
      path: '/api/admin/majors/import',
      summary: '导入专业或课程计划（kind=majors|plans；dryRun=1 只检查）',
      contentType: 'multipart/form-data',
      query: majorImportQuery,
    },
    async (ctx, { query }) => {
      const file = ctx.request.file;
      if (!file) throw new AppError('IMPORT_FILE_INVALID', { reason: '请选择要导入的文件' });
      return importMajorSheet(deps.db, ctx.state.official!, await readSheet(file), {
        kind: query.kind,
        dryRun: query.dryRun === '1',
        fileName: file.originalname,
        request: requestInfo(ctx),
      });
    },
  );

  api.route(
    { ...base, guards: [official], method: 'get', path: '/api/admin/majors/:id', summary: '专业详情与课程计划' },
    (ctx) => majorDetail(deps.db, majorId(ctx)),
  );

  api.route(
    { ...province, method: 'post', path: '/api/admin/majors', summary: '新增专业', body: majorInputBody },
    (ctx, { body }) => createMajor(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );

  api.route(
    {
      ...province,
      method: 'put',
      path: '/api/admin/majors/:id',
      summary: '修改专业（名称、层次、状态；停考过渡期须填截止日期）',
      body: majorUpdateBody,
    },
    (ctx, { body }) => updateMajor(deps.db, ctx.state.official!, majorId(ctx), body, requestInfo(ctx)),
  );

  api.route(
    {
      ...province,
      method: 'post',
      path: '/api/admin/majors/:id/courses',
      summary: '专业课程计划：添加或修改课程（必考/选考、学分、理论/实践）',
      body: planCourseBody,
    },
    (ctx, { body }) => setPlanCourse(deps.db, ctx.state.official!, majorId(ctx), body, requestInfo(ctx)),
  );

  api.route(
    {
      ...province,
      method: 'delete',
      path: '/api/admin/majors/:id/courses/:courseCode',
      summary: '专业课程计划：移除课程',
    },
    (ctx) =>
      removePlanCourse(deps.db, ctx.state.official!, majorId(ctx), ctx.params.courseCode ?? '', requestInfo(ctx)),
  );
}
