import { randomUUID } from 'node:crypto';
import { maskPersonalDataInText } from '@kaowei/shared';
import type { Middleware } from 'koa';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import type { AppState } from './types';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Every log line is masked; an id with a phone- or ID-like digit run would be rewritten there, and never found. */
const survivesLogMask = (id: string) => maskPersonalDataInText(id) === id;

/** The request's id: the caller's X-Request-Id when sane, else a fresh UUID; either way one the logs show as is. */
export function requestIdFor(given: unknown, random: () => string = randomUUID): string {
  if (typeof given === 'string' && REQUEST_ID.test(given) && survivesLogMask(given)) return given;
  for (;;) {
    const id = random();
    if (survivesLogMask(id)) return id;
  }
}

/** Gives each request an id (kept from X-Request-Id when sane), a child logger and an access log line. */
export function requestContext(logger: Logger): Middleware<AppState> {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers['x-request-id']);
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
