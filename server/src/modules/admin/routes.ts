import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { officialLoginBody, quotaCapacityBody, reasonBody, registrationListQuery } from '@kaowei/shared';
import { ApiRouter, type ApiContext } from '../../http/apiRouter';
import { clientIp } from '../../http/clientIp';
import { AppError } from '../../http/errors';
import { idParam } from '../../http/idParam';
import { officialGuard } from '../accounts/authGuards';
import {
  approveRegistration,
  getRegistration,
  listRegistrations,
  rejectRegistration,
} from '../accounts/registration/reviewRegistration';
import { viewRegistrationIdentity } from '../accounts/registration/registrationIdentity';
import { applicationView } from '../accounts/registration/submitRegistration';
import { unbindPhoneByOfficial } from '../accounts/unbindPhone';
import { loginOfficial } from './officialLogin';
import type { Services } from '../../services';
import { previewRelease, releaseUnpaid } from '../booking/releaseUnpaid';
import { closeAndRelease } from '../payment/closeAndRelease';
import { requestInfo } from './adminHttp';
import { findPeriodOr404 } from './periods/periods';
import { setQuotaCapacity } from './quotas';
import { assertCandidateInScope } from './candidates/candidateScope';
import { officialActor } from '../../kernel/actor';
import { scopedCountyIds } from '../../kernel/scope';

const tag = '管理后台';

const recordId = (ctx: ApiContext) => idParam(ctx, 'id', '记录');

export function adminRoutes(deps: Services, registry: OpenAPIRegistry): ApiRouter {
  const api = new ApiRouter(registry);
  const official = officialGuard(deps.db, deps.tokens);
  const security = 'official' as const;

  api.route(
    { method: 'post', path: '/api/admin/login', summary: '考办人员登录', tag, body: officialLoginBody },
    (ctx, { body }) => loginOfficial(deps, body, clientIp(ctx)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/registrations',
      summary: '新生注册审核列表（本辖区）',
      tag,
      security,
      guards: [official],
      query: registrationListQuery,
    },
    (ctx, { query }) => listRegistrations(deps, ctx.state.official!, query.state),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/registrations/:id',
      summary: '新生注册申请详情',
      tag,
      security,
      guards: [official],
    },
    async (ctx) => applicationView(deps, await getRegistration(deps, ctx.state.official!, recordId(ctx))),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/registrations/:id/identity',
      summary: '审核查看完整身份证号码和出生日期（省考试院、受理县考办；记入审计日志）',
      tag,
      security,
      guards: [official],
    },
    // Never cached: every /api answer is no-store (securityHeaders).
    (ctx) => viewRegistrationIdentity(deps, ctx.state.official!, recordId(ctx), requestInfo(ctx)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/admin/registrations/:id/photo',
      summary: '新生注册证件照',
      tag,
      security,
      guards: [official],
    },
    async (ctx) => {
      const application = await getRegistration(deps, ctx.state.official!, recordId(ctx));
      if (!application.photoPath) throw new AppError('NOT_FOUND', { what: '照片' });
      const photo = await deps.photos.read(application.photoPath);
      ctx.type = photo.mime;
      ctx.set('Cache-Control', 'private, no-store');
      return photo.bytes;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/registrations/:id/approve',
      summary: '审核通过（生成准考证号）',
      tag,
      security,
      guards: [official],
    },
    (ctx) => approveRegistration(deps, ctx.state.official!, recordId(ctx), requestInfo(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/registrations/:id/reject',
      summary: '审核不通过',
      tag,
      security,
      guards: [official],
      body: reasonBody,
    },
    (ctx, { body }) => rejectRegistration(deps, ctx.state.official!, recordId(ctx), body.reason, requestInfo(ctx)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/admin/candidates/:id/unbind-phone',
      summary: '为考生解绑手机（手机遗失）',
      tag,
      security,
      guards: [official],
      body: reasonBody,
    },
    async (ctx, { body }) => {
      const candidateId = recordId(ctx);
      await assertCandidateInScope(deps.db, ctx.state.official!, candidateId);
      const candidate = await deps.db.models.Candidate.findByPk(candidateId);
      if (!candidate) throw new AppError('NOT_FOUND', { what: '考生' });
      return unbindPhoneByOfficial(deps, candidate, officialActor(ctx.state.official!), body.reason, requestInfo(ctx));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/admin/quotas/:id',
      summary: '设置考位数（不能小于已占用数）',
      tag,
      security,
      guards: [official],
      body: quotaCapacityBody,
    },
    (ctx, { body }) => setQuotaCapacity(deps.db, ctx.state.official!, recordId(ctx), body.capacity, requestInfo(ctx)),
  );

  const periodOf = (ctx: ApiContext) => findPeriodOr404(deps.db, idParam(ctx, 'id', '考次'));
  api.route(
    {
      method: 'get',
      path: '/api/admin/periods/:id/release-preview',
      summary: '释放考位预览（本辖区未缴费考位）',
      tag,
      security,
      guards: [official],
    },
    async (ctx) => {
      const period = await periodOf(ctx);
      return {
        periodId: period.id,
        items: await previewRelease(
          deps.db,
          period.id,
          new Date(),
          await scopedCountyIds(deps.db, ctx.state.official!),
        ),
      };
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/admin/periods/:id/release',
      summary: '手动释放未缴费考位（本辖区）',
      tag,
      security,
      guards: [official],
    },
    async (ctx) => {
      const period = await periodOf(ctx);
      const options = {
        periodId: period.id,
        heldBefore: new Date(),
        actor: officialActor(ctx.state.official!),
        countyIds: await scopedCountyIds(deps.db, ctx.state.official!),
        reason: '考办手动释放未缴费考位',
      };
      const unsent = await releaseUnpaid(deps.db, options);
      const sent = await closeAndRelease(deps, options);
      return { released: unsent.released + sent.released, paidMeanwhile: sent.paid };
    },
  );

  return api;
}
