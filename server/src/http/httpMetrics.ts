import { performance } from 'node:perf_hooks';
import type { Middleware } from 'koa';
import { httpDuration } from '../metrics/registry';
import type { AppState } from './types';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Labels for requests no router matched: the front ends' files (and /sim in development), or a wrong API path. */
export const UNMATCHED_API = '(unmatched)';
export const NOT_API = '(static)';

/**
 * Times every request into kaowei_http_request_duration_seconds, labelled with the router's pattern
 * (`/api/admin/candidates/:id`), never the path itself, so ids and query strings make no new series.
 * Placed outside the error handler, it sees the status the client gets.
 */
export function httpMetrics(): Middleware<AppState> {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const matched = ctx._matchedRoute;
      const route =
        typeof matched === 'string'
          ? matched
          : ctx.path === '/api' || ctx.path.startsWith('/api/')
            ? UNMATCHED_API
            : NOT_API;
      const method = METHODS.has(ctx.method) ? ctx.method : 'OTHER';
      httpDuration.observe({ method, route, status: String(ctx.status) }, (performance.now() - start) / 1000);
    }
  };
}
