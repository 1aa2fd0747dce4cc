import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { noticeAcknowledgementBody } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { ApiRouter } from '../../http/apiRouter';
import { candidateGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';
import { acknowledgeNotice } from './acknowledgeNotice';

const tag = '课程报考';

export function bookingRoutes(db: Db, tokens: TokenService, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  // Booking needs a finished first login: phone bound and initial password changed.
  const candidate = candidateGuard(db, tokens);

  api.route(
    {
      method: 'post',
      path: '/api/booking/notice-acknowledgements',
      summary: '阅读并同意报考须知',
      tag,
      security: 'candidate',
      guards: [candidate],
      body: noticeAcknowledgementBody,
    },
    (ctx, { body }) => acknowledgeNotice(db, ctx.state.candidate!, body.periodId),
  );
  return api;
}
