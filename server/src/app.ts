import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import { createOpenApiRegistry, openApiDocument } from './http/apiRouter';
import { errorHandler } from './http/errorHandler';
import { httpMetrics } from './http/httpMetrics';
import { requestContext } from './http/requestContext';
import { securityHeaders } from './http/securityHeaders';
import { simulatorProxy } from './http/simulatorProxy';
import { webApps } from './http/webApps';
import type { AppState } from './http/types';
import { accountRoutes } from './modules/accounts/routes';
import { registrationRoutes } from './modules/accounts/registration/routes';
import { adminRoutes } from './modules/admin/routes';
import { adminAuditRoutes } from './modules/admin/auditLog/auditRoutes';
import { adminConfigRoutes } from './modules/admin/configRoutes';
import { exportRoutes } from './modules/admin/exportRoutes';
import { importRoutes } from './modules/admin/importRoutes';
import { venueRoutes } from './modules/admission/venues/routes';
import { assignmentRoutes } from './modules/admin/assignmentRoutes';
import { operationsRoutes } from './modules/admin/operationsRoutes';
import { mergeRoutes } from './modules/admin/candidates/mergeRoutes';
import { bookingRoutes } from './modules/booking/routes';
import { waitlistRoutes } from './modules/waitlist/routes';
import { catalogRoutes } from './modules/catalog/routes';
import { paymentExceptionRoutes } from './modules/payment/exceptionsRoutes';
import { paymentRoutes } from './modules/payment/routes';
import { healthRoutes } from './modules/health/routes';
import { metricsRoutes } from './modules/metrics/routes';
import { admissionTicketRoutes } from './modules/admission/ticket/routes';
import { certificateRoutes } from './modules/records/certificates/certificateRoutes';
import { scoreStatsRoutes } from './modules/admin/scoreStatsRoutes';
import { buildServices, type ServiceDeps, type Services } from './services';
import { scoreRoutes } from './modules/admin/scoreRoutes';
import { recordsRoutes } from './modules/records/routes';
import { certificateImportRoutes } from './modules/admin/certificateRoutes';
import { applicationAdminRoutes } from './modules/admin/applicationRoutes';
import { registrationAdminRoutes } from './modules/admin/registrationRoutes';
import { applicationRoutes } from './modules/applications/routes';
import { announcementRoutes } from './modules/announcements/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { notificationAdminRoutes } from './modules/admin/notificationRoutes';
import { noticeAdminRoutes } from './modules/admin/noticeRoutes';
import { registrationImageRoutes } from './modules/applications/registrationImageRoutes';

export type AppDeps = ServiceDeps;

/** Builds the Koa app; starting a process and listening is `main.ts`'s job. */
export function createApp(deps: AppDeps): Koa<AppState> & { services: Services } {
  const services = buildServices(deps);
  const app = new Koa<AppState>({ proxy: deps.config.trustProxy, maxIpsCount: deps.config.trustedProxyHops });
  app.use(requestContext(deps.logger));
  app.use(httpMetrics());
  for (const middleware of securityHeaders((path) => path === '/api' || path.startsWith('/api/'))) app.use(middleware);
  app.use(errorHandler());
  if (deps.config.corsOrigins.length > 0) {
    const allowed = new Set(deps.config.corsOrigins);
    app.use(
      cors({
        origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
        exposeHeaders: ['X-Request-Id'],
      }),
    );
  }
  const { simulatorHost } = deps.integrations;
  if (simulatorHost && deps.config.simulatorProxy) app.use(simulatorProxy(simulatorHost));
  for (const middleware of webApps(deps.config.webApps, deps.logger)) app.use(middleware);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb' }));

  const registry = createOpenApiRegistry();
  const routers = [
    healthRoutes(deps.db),
    metricsRoutes({ env: deps.config.env, token: deps.config.metricsToken }, deps.db),
    accountRoutes(services, registry).router,
    registrationRoutes(services, registry).router,
    registrationImageRoutes(services, registry).router,
    catalogRoutes(deps.db, services.tokens, services.seatBoard, registry).router,
    bookingRoutes(services, services.tokens, registry).router,
    waitlistRoutes(services, services.tokens, registry).router,
    paymentRoutes(services, services.tokens, registry).router,
    paymentExceptionRoutes(services, services.tokens, registry).router,
    adminRoutes(services, registry).router,
    adminConfigRoutes(services, registry).router,
    adminAuditRoutes(services, registry).router,
    operationsRoutes(services, registry).router,
    exportRoutes(services, registry).router,
    mergeRoutes(services, registry).router,
    importRoutes(services, registry).router,
    venueRoutes(services, registry).router,
    assignmentRoutes(services, registry).router,
    admissionTicketRoutes(services, registry).router,
    scoreRoutes(services, registry).router,
    recordsRoutes(services, registry).router,
    certificateRoutes(services, registry).router,
    certificateImportRoutes(services, registry).router,
    scoreStatsRoutes(services, registry).router,
    applicationRoutes(services, registry).router,
    applicationAdminRoutes(services, registry).router,
    announcementRoutes(services, registry).router,
    notificationRoutes(services, registry).router,
    notificationAdminRoutes(services, registry).router,
    noticeAdminRoutes(services, registry).router,
    registrationAdminRoutes(services, registry).router,
  ];
  const document = openApiDocument(registry);
  const docs = new Router<AppState>().get('/api/openapi.json', (ctx) => {
    ctx.body = document;
  });
  // One router holds every module's routes: each router mounted on its own would match the path (and read
  // the Host header) once per router on every request, and answer 405s once per router.
  const api = new Router<AppState>();
  for (const router of [...routers, docs]) api.stack.push(...router.stack);
  app.use(api.routes()).use(api.allowedMethods());
  return Object.assign(app, { services });
}
