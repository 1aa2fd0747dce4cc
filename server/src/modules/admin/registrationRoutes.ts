import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { photoVerdictBody, registrationWindowBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { idParam } from '../../http/idParam';
import { sendFile } from '../../http/sendFile';
import type { Services } from '../../services';
import { officialGuard } from '../accounts/authGuards';
import { judgePhoto } from '../accounts/registration/judgePhoto';
import { addRegistrationWindow, removeRegistrationWindow } from '../accounts/registration/manageRegistrationWindows';
import { scopedIdCardImage } from '../accounts/registration/readIdCardImage';
import { listRegistrationWindows } from '../accounts/registration/registrationWindows';
import { provinceOnly, requestInfo } from './adminHttp';

const tag = '管理后台：新生注册';

/** 新生注册 (#16): the photo's verdict, the ID-card image, and the province's registration windows. */
export function registrationAdminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [officialGuard(deps.db, deps.tokens)];
  const base = { tag, security: 'official' as const, guards };
  const id = (ctx: ApiContext) => idParam(ctx, 'id', '注册申请');

  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/registrations/:id/photo-verdict',
      summary: '照片审核：合格，或不合格（须填原因；满3次不合格提示考生到考区现场采集）',
      body: photoVerdictBody,
    },
    (ctx, { body }) => judgePhoto(deps, ctx.state.official!, id(ctx), body, requestInfo(ctx)),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/registrations/:id/id-card-image', summary: '新生注册身份证件图片' },
    async (ctx) => sendFile(ctx, await scopedIdCardImage(deps, ctx.state.official!, id(ctx))),
  );
  api.route(
    { ...base, method: 'get', path: '/api/admin/registration-windows', summary: '新生注册时间及审核截止时间' },
    () => listRegistrationWindows(deps.db),
  );
  api.route(
    {
      ...base,
      method: 'post',
      path: '/api/admin/registration-windows',
      summary: '设置新生注册时间和审核截止时间（按考次或长期，省考试院）',
      body: registrationWindowBody,
      guards: [...guards, provinceOnly],
    },
    (ctx, { body }) => addRegistrationWindow(deps.db, ctx.state.official!, body, requestInfo(ctx)),
  );
  api.route(
    {
      ...base,
      method: 'delete',
      path: '/api/admin/registration-windows/:id',
      summary: '删除新生注册时间（省考试院）',
      guards: [...guards, provinceOnly],
    },
    (ctx) => removeRegistrationWindow(deps.db, ctx.state.official!, idParam(ctx, 'id', '注册时间'), requestInfo(ctx)),
  );
  return api;
}
