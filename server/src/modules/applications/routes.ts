import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { applicationCreateBody, applicationUpdateBody, attachmentUploadBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import { sendFile } from '../../http/sendFile';
import { candidateGuard } from '../accounts/authGuards';
import type { ApplicationsDeps } from './applicationsDeps';
import { applicationKinds } from './applicationWindows';
import { attachmentUpload } from './attachmentUpload';
import { createApplication } from './createApplication';
import { myApplication, myApplications } from './myApplications';
import { ownAttachment } from './readAttachment';
import { removeAttachment } from './removeAttachment';
import { ownTransferCertificate } from './transferCertificate';
import { updateApplication } from './updateApplication';
import { uploadAttachment } from './uploadAttachment';
import { withdrawApplication } from './withdrawApplication';

const tag = '业务办理';

/** 业务办理 (#16): a candidate's applications under the ticket they signed in with. */
export function applicationRoutes(deps: ApplicationsDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [candidateGuard(deps.db, deps.tokens)];
  const security = 'candidate' as const;
  const base = { tag, security, guards };
  const me = (ctx: ApiContext) => ctx.state.candidate!.id;
  const id = (ctx: ApiContext) => idParam(ctx, 'id', '申请');

  api.route({ ...base, method: 'get', path: '/api/applications/kinds', summary: '办理事项：是否开放及办理时间' }, () =>
    applicationKinds(deps.db),
  );
  api.route({ ...base, method: 'get', path: '/api/applications', summary: '我的申请' }, (ctx) =>
    myApplications(deps.db, me(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/applications',
      summary: '新建申请：阅读须知后保存草稿（submit=true 直接提交审核）',
      body: applicationCreateBody,
    },
    (ctx, { body }) => createApplication(deps, ctx.state.candidate!, ctx.state.ticketId, body),
  );
  api.route({ ...base, method: 'get', path: '/api/applications/:id', summary: '查看申请（含附件和审核意见）' }, (ctx) =>
    myApplication(deps.db, me(ctx), id(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'put',
      path: '/api/applications/:id',
      summary: '修改草稿或未通过的申请（submit=true 提交审核）',
      body: applicationUpdateBody,
    },
    (ctx, { body }) => updateApplication(deps, me(ctx), id(ctx), body),
  );
  api.route(
    { ...base, method: 'post', path: '/api/applications/:id/withdraw', summary: '撤回申请（审核前），附件一并删除' },
    (ctx) => withdrawApplication(deps, me(ctx), id(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/applications/:id/attachments',
      summary: '上传证明材料（JPG/PNG/PDF，大小和数量按办理事项限制）',
      contentType: 'multipart/form-data',
      body: attachmentUploadBody,
      guards: [...guards, attachmentUpload()],
    },
    (ctx, { body }) =>
      uploadAttachment(deps, me(ctx), id(ctx), {
        bytes: ctx.request.file?.buffer,
        originalName: ctx.request.file?.originalname,
        proof: body.proof,
      }),
  );
  api.route(
    { ...base, method: 'delete', path: '/api/applications/:id/attachments/:attachmentId', summary: '删除证明材料' },
    (ctx) => removeAttachment(deps, me(ctx), id(ctx), idParam(ctx, 'attachmentId', '附件')),
  );
  api.route(
    { ...base, method: 'get', path: '/api/applications/:id/attachments/:attachmentId', summary: '下载本人的证明材料' },
    async (ctx) => sendFile(ctx, await ownAttachment(deps, me(ctx), id(ctx), idParam(ctx, 'attachmentId', '附件'))),
  );
  api.route(
    {
      ...base,
      method: 'get',
      path: '/api/applications/:id/transfer-certificate',
      summary: '下载转出证明（PDF，转出申请通过后）',
    },
    async (ctx) => sendFile(ctx, await ownTransferCertificate(deps, me(ctx), id(ctx))),
  );
  return api;
}
