import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import multer from '@koa/multer';
import {
  captchaOnlyBody,
  phoneCodeBody,
  registrationAccessBody,
  registrationBody,
  registrationUpdateBody,
  replacePhotoBody,
} from '@kaowei/shared';
import type { Middleware } from 'koa';
import { MulterError } from 'multer';
import { ApiRouter } from '../../../http/apiRouter';
import { clientIp } from '../../../http/clientIp';
import { AppError } from '../../../http/errors';
import type { AppState } from '../../../http/types';
import { registrationGuard } from '../authGuards';
import { PHOTO_MAX_BYTES } from './photos';
import type { RegistrationDeps } from './registrationDeps';
import {
  accessRegistration,
  applicationView,
  findOwnApplication,
  sendRegistrationCode,
  submitRegistration,
  updateRegistration,
} from './submitRegistration';
import { uploadPhoto } from './uploadPhoto';
import { currentRegistrationWindow } from './registrationWindows';
import { replacePhoto } from './replacePhoto';

const tag = '新生注册';

/** Multipart field `photo`, kept in memory (2 MB at most) until PhotoStore has checked it. */
function photoUpload(): Middleware<AppState> {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } }).single(
    'photo',
  );
  return async (ctx, next) => {
    try {
      await upload(ctx as never, async () => undefined);
    } catch (error) {
      if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') {
        throw new AppError('PHOTO_INVALID', { reason: '文件不能超过2MB' });
      }
      throw new AppError('PHOTO_INVALID', { reason: '请以表单字段 photo 上传一张图片' });
    }
    await next();
  };
}

export function registrationRoutes(deps: RegistrationDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const applicant = registrationGuard(deps.tokens);
  const security = 'registration' as const;

  api.route(
    { method: 'post', path: '/api/registrations/sms-code', summary: '获取新生注册验证码', tag, body: phoneCodeBody },
    (ctx, { body }) => sendRegistrationCode(deps, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/registrations/photos',
      summary: '上传证件照（JPG/PNG，2MB以内；需图片验证码，修改申请时可凭注册凭证）',
      tag,
      contentType: 'multipart/form-data',
      body: captchaOnlyBody,
      guards: [registrationGuard(deps.tokens, { optional: true }), photoUpload()],
    },
    (ctx, { body }) =>
      uploadPhoto(deps, {
        bytes: ctx.request.file?.buffer,
        ip: clientIp(ctx),
        applicationId: ctx.state.applicationId,
        ...body,
      }),
  );

  api.route({ method: 'get', path: '/api/registrations/window', summary: '新生注册时间（当前或下一次）', tag }, () =>
    currentRegistrationWindow(deps.db),
  );

  api.route(
    {
      method: 'put',
      path: '/api/registrations/mine/photo',
      summary: '照片不合格后重新上传照片（重新待审核）',
      tag,
      security,
      guards: [applicant],
      body: replacePhotoBody,
    },
    (ctx, { body }) => replacePhoto(deps, ctx.state.applicationId!, body.photoId),
  );

  api.route(
    {
      method: 'post',
      path: '/api/registrations',
      summary: '提交新生注册（须在注册时间内，先同意考生须知）',
      tag,
      body: registrationBody,
    },
    (_ctx, { body }) => submitRegistration(deps, body),
  );

  api.route(
    { method: 'get', path: '/api/registrations/mine', summary: '查看我的注册申请', tag, security, guards: [applicant] },
    async (ctx) => applicationView(deps, await findOwnApplication(deps, ctx.state.applicationId!)),
  );

  api.route(
    {
      method: 'put',
      path: '/api/registrations/mine',
      summary: '修改并重新提交注册申请',
      tag,
      security,
      guards: [applicant],
      body: registrationUpdateBody,
    },
    (ctx, { body }) => updateRegistration(deps, ctx.state.applicationId!, body),
  );

  api.route(
    {
      method: 'post',
      path: '/api/registrations/access',
      summary: '凭证件号码和短信验证码找回注册申请',
      tag,
      body: registrationAccessBody,
    },
    (_ctx, { body }) => accessRegistration(deps, body),
  );

  return api;
}
