import Router from '@koa/router';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { AppState } from '../../http/types';

export function healthRoutes(db: Db): Router<AppState> {
  const router = new Router<AppState>();
  /** Liveness: the process answers. */
  router.get('/api/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  /** Readiness: the database answers too. */
  router.get('/api/ready', async (ctx) => {
    try {
      await db.sequelize.query('SELECT 1');
    } catch (error) {
      ctx.state.log.warn({ err: error }, 'database not reachable');
      throw new AppError('SERVICE_UNAVAILABLE');
    }
    ctx.body = { status: 'ready', database: db.sequelize.getDialect() };
  });
  return router;
}
