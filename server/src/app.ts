import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import compose from 'koa-compose';
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
  app.use(routesBySection([...routers, docs]));
  return Object.assign(app, { services });
}

/** `/api/records` of `/api/records/scores`: the part of a path its routes are grouped by (matched as they are, case-insensitively). */
const sectionOf = (path: string) => path.split('/', 3).join('/').toLowerCase();

/**
 * Every module's routes, grouped into one router per section (`/api/records`, `/api/admin`, …): a request is
 * matched against its section's routes only, not all two hundred (a regular expression each, which showed
 * on publish morning), and a router per module would match the path (and read the Host header) once per
 * router and answer 405s once per router. A path of no section goes on to the 404.
 *
 * A route of a literal path (`GET /api/records/scores`) that is the only layer its path and method match —
 * checked with the router's own `match` at start — is found by one Map lookup on the exact path and runs
 * its middleware directly: the router would test every route of the section and build a middleware chain
 * and its closures per request for the same outcome. Any other spelling of the path (case, a trailing
 * slash) still goes through the router.
 */
function routesBySection(routers: Router<AppState>[]): Koa.Middleware<AppState> {
  const sections = new Map<string, Router<AppState>>();
  for (const layer of routers.flatMap((router) => router.stack)) {
    const section = typeof layer.path === 'string' ? sectionOf(layer.path) : '';
    if (!section || /[:(*]/.test(section)) throw new Error(`route ${String(layer.path)}: its section must be literal`);
    let router = sections.get(section);
    if (!router) sections.set(section, (router = new Router<AppState>()));
    router.stack.push(layer);
  }
  const exact = new Map<string, Koa.Middleware<AppState>>();
  for (const router of sections.values()) {
    for (const layer of router.stack) {
      if (typeof layer.path !== 'string' || layer.paramNames.length > 0) continue;
      const { path } = layer;
      const run = compose(layer.stack as unknown as Koa.Middleware<AppState>[]);
      for (const method of layer.methods) {
        const matched = router.match(path, method).pathAndMethod;
        if (matched.length !== 1 || matched[0] !== layer) continue;
        exact.set(`${method} ${path}`, (ctx, next) => {
          Object.assign(ctx, { _matchedRoute: path, params: {} });
          return run(ctx, next);
        });
      }
    }
  }
  const dispatch = new Map(
    [...sections].map(([section, router]) => {
      const routes = router.routes();
      const allowed = router.allowedMethods();
      return [
        section,
        (ctx: Koa.ParameterizedContext<AppState>, next: Koa.Next) =>
          routes(ctx as never, () => allowed(ctx as never, next)),
      ];
    }),
  );
  return (ctx, next) => {
    const route = exact.get(`${ctx.method} ${ctx.path}`);
    if (route) return route(ctx, next);
    const section = dispatch.get(sectionOf(ctx.path));
    return section ? section(ctx, next) : next();
  };
}
