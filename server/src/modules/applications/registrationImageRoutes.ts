import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { captchaOnlyBody } from '@kaowei/shared';
import { ApiRouter } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { registrationGuard } from '../accounts/authGuards';
import type { RegistrationDeps } from '../accounts/registration/registrationDeps';
import { uploadIdCardImage } from '../accounts/registration/uploadIdCardImage';
import { attachmentUpload } from './attachmentUpload';

const tag = '新生注册';

/**
 * 新生注册's ID-card image comes through the applications' upload (multipart `file`, nothing kept in
 * memory past the checks). Mounted here, not in accounts, since accounts must not import applications.
 */
export function registrationImageRoutes(deps: RegistrationDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);

  api.route(
    {
      method: 'post',
      path: '/api/registrations/id-card-images',
      summary: '上传身份证件图片（JPG/PNG，5MB以内，按文件内容识别类型；需图片验证码或注册凭证）',
      tag,
      contentType: 'multipart/form-data',
      body: captchaOnlyBody,
      guards: [registrationGuard(deps.tokens, { optional: true }), attachmentUpload()],
    },
    (ctx, { body }) =>
      uploadIdCardImage(deps, {
        bytes: ctx.request.file?.buffer,
        ip: clientIp(ctx),
        applicationId: ctx.state.applicationId,
        ...body,
      }),
  );
  return api;
}
