import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Koa from 'koa';
import type { AppConfig } from './config';
import type { Db } from './db/models';
import { errorHandler } from './http/errorHandler';
import { requestContext } from './http/requestContext';
import type { AppState } from './http/types';
import type { Logger } from './logger';
import { healthRoutes } from './modules/health/routes';
import type { Secrets } from './secrets';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  logger: Logger;
  secrets: Secrets;
}

/** Builds the Koa app; starting a process and listening is `main.ts`'s job. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.env === 'production' });
  app.use(requestContext(deps.logger));
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
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb' }));
  for (const router of [healthRoutes(deps.db)]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}
