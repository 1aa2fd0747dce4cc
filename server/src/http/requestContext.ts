import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import type { AppState } from './types';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Gives each request an id (kept from X-Request-Id when sane), a child logger and an access log line. */
export function requestContext(logger: Logger): Middleware<AppState> {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return async (ctx, next) => {
    httpLogger(ctx.req, ctx.res);
    ctx.state.requestId = String(ctx.req.id);
    ctx.state.log = ctx.req.log;
    await next();
  };
}
