import Router from '@koa/router';
import type { Db } from '../../db/models';
import type { AppState } from '../../http/types';
import { readinessCheck } from './checkReadiness';

export function healthRoutes(db: Db): Router<AppState> {
  const router = new Router<AppState>();
  const ready = readinessCheck(db);
  /** Liveness: the process answers. */
  router.get('/api/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  /** Readiness: the database answers and is fully migrated. */
  router.get('/api/ready', async (ctx) => {
    ctx.body = await ready(ctx.state.log);
  });
  return router;
}
