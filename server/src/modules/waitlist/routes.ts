import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { joinWaitlistBody, waitlistCodeBody } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { idParam } from '../../http/idParam';
import { candidateGuard, candidateTokenGuard } from '../accounts/authGuards';
import type { TokenService } from '../accounts/tokens';
import type { BookingDeps } from '../booking/deps';
import { ticketOf } from '../booking/ticketOf';
import { joinWaitlist } from './joinWaitlist';
import { leaveWaitlist } from './leaveWaitlist';
import { myWaitlist } from './myWaitlist';
import { requestWaitlistCode } from './requestWaitlistCode';

const tag = '课程报考';

export function waitlistRoutes(deps: BookingDeps, tokens: TokenService, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const guards = [candidateGuard(deps.db, tokens, { activeTicket: true })];
  const security = 'candidate' as const;
  const ticket = (ctx: ApiContext) => ticketOf(deps.db, ctx);

  api.route(
    {
      method: 'post',
      path: '/api/booking/waitlist/code',
      summary: '获取候补短信验证码（所选单元须已满）',
      tag,
      security,
      guards,
      body: waitlistCodeBody,
    },
    async (ctx, { body }) => requestWaitlistCode(deps, ctx.state.candidate!, await ticket(ctx), body, clientIp(ctx)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/booking/waitlist',
      summary: '凭短信验证码加入候补',
      tag,
      security,
      // The account is checked inside the join's transaction, as 保存考位 checks it.
      guards: [candidateTokenGuard(tokens)],
      body: joinWaitlistBody,
    },
    async (ctx, { body }) => joinWaitlist(deps, { ...ctx.state.candidateClaims!, ticketId: await ticket(ctx) }, body),
  );
  api.route(
    { method: 'get', path: '/api/booking/waitlist', summary: '我的候补（含排队位置）', tag, security, guards },
    (ctx) => myWaitlist(deps.db, ctx.state.candidate!.id),
  );
  api.route(
    { method: 'delete', path: '/api/booking/waitlist/:entryId', summary: '退出候补', tag, security, guards },
    (ctx) => leaveWaitlist(deps.db, ctx.state.candidate!.id, idParam(ctx, 'entryId', '候补记录')),
  );
  return api;
}
