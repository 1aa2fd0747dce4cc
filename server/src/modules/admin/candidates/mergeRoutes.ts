import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { mergeCandidatesBody, mergePreviewQuery } from '@kaowei/shared';
import { ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import type { Services } from '../../../services';
import { officialGuard } from '../../accounts/authGuards';
import { requestInfo } from '../adminHttp';
import { mergeCandidates } from './mergeCandidates';
import { previewMerge } from './previewMerge';

const tag = '管理后台：考籍';

/** 合档 (#13): the provincial office merges two records of one person. */
export function mergeRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens)];
  const security = 'official' as const;

  api.route(
    {
      method: 'get',
      path: '/api/admin/candidates/:id/merge-preview',
      summary: '合档预览：另一份档案（考生编号或证件号码）将移入本档案的记录（省考试院）',
      tag,
      security,
      guards,
      query: mergePreviewQuery,
    },
    (ctx, { query }) => previewMerge(deps, ctx.state.official!, idParam(ctx, 'id', '考生'), query),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/candidates/:id/merge',
      summary:
        '合档：另一份档案的准考证、已合格课程、报考、缴费与注册记录移入本档案，另一份关闭（省考试院，须填写原因）',
      tag,
      security,
      guards,
      body: mergeCandidatesBody,
    },
    (ctx, { body }) =>
      mergeCandidates(deps.db, ctx.state.official!, idParam(ctx, 'id', '考生'), body, requestInfo(ctx)),
  );

  return api;
}
