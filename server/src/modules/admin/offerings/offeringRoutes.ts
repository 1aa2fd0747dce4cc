import { offeringImportQuery } from '@kaowei/shared';
import type { Middleware } from 'koa';
import type { ApiContext, ApiRouter } from '../../../http/apiRouter';
import { AppError } from '../../../http/errors';
import { idParam } from '../../../http/idParam';
import type { AppState } from '../../../http/types';
import type { Services } from '../../../services';
import { provinceOnly, requestInfo } from '../adminHttp';
import { findPeriodOr404 } from '../periods/periods';
import { importOfferings } from './importOfferings';
import { deleteOffering, listOfferings } from './offerings';
import { readSheet } from './readSheet';

const tag = '管理后台：开考课程';

import { sheetUpload } from '../../../http/sheetUpload';

export { sheetUpload };

export function addOfferingRoutes(api: ApiRouter, deps: Services, official: Middleware<AppState>): void {
  const base = { tag, security: 'official' as const };
  const periodId = (ctx: ApiContext) => idParam(ctx, 'id', '考次');

  api.route(
    { ...base, guards: [official], method: 'get', path: '/api/admin/periods/:id/offerings', summary: '开考课程列表' },
    async (ctx) => listOfferings(deps.db, (await findPeriodOr404(deps.db, periodId(ctx))).id),
  );

  api.route(
    {
      ...base,
      guards: [official, provinceOnly, sheetUpload()],
      method: 'post',
      path: '/api/admin/periods/:id/offerings/import',
      summary: '导入开考课程（表头：课程代码,课程名称,考试单元[,学分]；dryRun=1 只检查）',
      contentType: 'multipart/form-data',
      query: offeringImportQuery,
    },
    async (ctx, { query }) => {
      const period = await findPeriodOr404(deps.db, periodId(ctx));
      const file = ctx.request.file;
      if (!file) throw new AppError('IMPORT_FILE_INVALID', { reason: '请选择要导入的文件' });
      return importOfferings(deps.db, ctx.state.official!, period.id, await readSheet(file), {
        dryRun: query.dryRun === '1',
        fileName: file.originalname,
        request: requestInfo(ctx),
      });
    },
  );

  api.route(
    {
      ...base,
      guards: [official, provinceOnly],
      method: 'delete',
      path: '/api/admin/offerings/:id',
      summary: '取消开考课程（无考生报考时）',
    },
    async (ctx) => {
      await deleteOffering(deps.db, ctx.state.official!, idParam(ctx, 'id', '开考课程'), requestInfo(ctx));
      return { ok: true };
    },
  );
}
