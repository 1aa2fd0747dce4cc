import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { certificateLookupBody } from '@kaowei/shared';
import { ApiRouter } from '../../../http/apiRouter';
import type { Services } from '../../../services';
import { lookupCertificate } from './lookupCertificate';

/** 证书查询 (#15): public, no login. */
export function certificateRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  api.route(
    {
      method: 'post',
      path: '/api/public/certificates',
      summary: '证书查询（证书编号 + 姓名 + 图片验证码，无需登录）',
      tag: '公共查询',
      body: certificateLookupBody,
    },
    (_ctx, { body }) => lookupCertificate(deps, body),
  );
  return api;
}
