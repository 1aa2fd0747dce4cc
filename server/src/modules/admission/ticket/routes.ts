import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ticketVerifyQuery } from '@kaowei/shared';
import { ApiRouter } from '../../../http/apiRouter';
import { idParam } from '../../../http/idParam';
import { candidateGuard, officialGuard } from '../../accounts/authGuards';
import { contentDisposition } from '../../../http/contentDisposition';
import { myTickets } from './myTickets';
import { warmUpTicketRendering } from './renderTicketPdf';
import type { TicketDeps } from './ticketDeps';
import { TicketPdfCache } from './ticketPdfCache';
import { ticketPdf } from './ticketPdf';
import { verifiedPhoto, verifyTicket } from './verifyTicket';

const tag = '准考证';

export function admissionTicketRoutes(deps: TicketDeps, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const cache = new TicketPdfCache(deps.config.dataDir);
  warmUpTicketRendering();
  const candidate = [candidateGuard(deps.db, deps.tokens)];
  const official = [officialGuard(deps.db, deps.tokens)];

  api.route(
    {
      method: 'get',
      path: '/api/admission/tickets',
      summary: '我的准考证：各考次的打印时间、考试安排与能否打印',
      tag,
      security: 'candidate',
      guards: candidate,
    },
    (ctx) => myTickets(deps, ctx.state.candidate!),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admission/tickets/:periodId/pdf',
      summary: '下载准考证PDF（仅限打印时间内）',
      tag,
      security: 'candidate',
      guards: candidate,
    },
    async (ctx) => {
      const periodId = idParam(ctx, 'periodId', '准考证');
      const pdf = await ticketPdf(deps, cache, ctx.state.candidate!, periodId);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', contentDisposition(`ticket-${periodId}.pdf`, pdf.fileName));
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('ETag', `"${pdf.hash}"`);
      return pdf.bytes;
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/admission/verify',
      summary: '扫码核验准考证：考生姓名、照片与当日座位',
      tag,
      security: 'official',
      guards: official,
      query: ticketVerifyQuery,
    },
    (ctx, { query }) => verifyTicket(deps, ctx.state.official!, query.token),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/admission/verify/photo',
      summary: '扫码核验：考生照片',
      tag,
      security: 'official',
      guards: official,
      query: ticketVerifyQuery,
    },
    async (ctx, { query }) => {
      const photo = await verifiedPhoto(deps, ctx.state.official!, query.token);
      ctx.type = photo.mime;
      ctx.set('Cache-Control', 'private, no-store');
      return photo.bytes;
    },
  );
  return api;
}
