import Router from '@koa/router';
import type { Db } from '../../db/models';
import type { AppState } from '../../http/types';
import { watchPool } from '../../metrics/pool';
import { readMetrics, type MetricsAccess } from './readMetrics';

const PROXY_HEADERS = ['X-Forwarded-For', 'Forwarded', 'X-Real-IP'];

/** GET /metrics in Prometheus text format, outside /api (scrapers, not the apps); see readMetrics for who may. */
export function metricsRoutes(access: MetricsAccess, db: Db): Router<AppState> {
  watchPool(db.sequelize);
  return new Router<AppState>().get('/metrics', async (ctx) => {
    const metrics = await readMetrics(access, {
      authorization: ctx.get('Authorization'),
      remoteAddress: ctx.req.socket.remoteAddress,
      forwarded: PROXY_HEADERS.some((header) => ctx.get(header) !== ''),
    });
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics.contentType;
    ctx.body = metrics.body;
  });
}
