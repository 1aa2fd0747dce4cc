import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { applicationDecisionBody, applicationQueueQuery, applicationWindowBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import { sendFile } from '../../http/sendFile';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { applicationQueue } from '../applications/applicationQueue';
import { listApplicationWindows } from '../applications/applicationWindows';
import { decideApplication } from '../applications/decideApplication';
import { scopedAttachment } from '../applications/readAttachment';
import { addApplicationWindow } from '../applications/addApplicationWindow';
import { removeApplicationWindow } from '../applications/removeApplicationWindow';
import { scopedTransferCertificate } from '../applications/transferCertificate';
import { applicationForOfficial } from '../applications/viewApplication';
import { provinceOnly, requestInfo } from './adminHttp';

const tag = '管理后台：业务办理';

/** 业务办理 (#16): review queues per kind, decisions, proofs, and the kinds' windows (province). */
export function applicationAdminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens)];
  const base = { tag, security: 'official' as const, guards };
  const id = (ctx: ApiContext) => idParam(ctx, 'id', '申请');

  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/applications',
      summary: '审核队列：按办理事项、状态、县区筛选，含各状态数量（限本级辖区）',
      query: applicationQueueQuery,
    },
    (ctx, { query }) => applicationQueue(deps.db, ctx.state.official!, query),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/applications/:id', summary: '查看申请（含附件、审核记录）' },
    (ctx) => applicationForOfficial(deps.db, ctx.state.official!, id(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/applications/:id/decision',
      summary: '审核：通过（须省考试院审核的报省）或不通过（须填原因），通过即生效，记入审计日志',
      body: applicationDecisionBody,
    },
    (ctx, { body }) => decideApplication(deps, ctx.state.official!, id(ctx), body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/applications/:id/attachments/:attachmentId',
      summary: '下载证明材料（限本级辖区）',
    },
    async (ctx) =>
      sendFile(ctx, await scopedAttachment(deps, ctx.state.official!, id(ctx), idParam(ctx, 'attachmentId', '附件'))),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/admin/applications/:id/transfer-certificate',
      summary: '下载转出证明（PDF，限本级辖区）',
    },
    async (ctx) => sendFile(ctx, await scopedTransferCertificate(deps, ctx.state.official!, id(ctx))),
  );
  api.route({ ...base, method: 'get', path: '/api/admin/application-windows', summary: '各办理事项的办理时间' }, () =>
    listApplicationWindows(deps.db),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/application-windows',
      summary: '设置办理时间（按考次或长期，省考试院）',
      body: applicationWindowBody,
      guards: [...guards, provinceOnly],
    },
    (ctx, { body }) => addApplicationWindow(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'delete',
      path: '/api/admin/application-windows/:id',
      summary: '删除办理时间（省考试院）',
      guards: [...guards, provinceOnly],
    },
    (ctx) => removeApplicationWindow(deps.db, ctx.state.official!, idParam(ctx, 'id', '办理时间'), requestInfo(ctx)),
  );
  return api;
}
