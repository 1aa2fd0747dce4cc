import { randomUUID } from 'node:crypto';
import { maskPersonalDataInText } from '@kaowei/shared';
import type { Middleware } from 'koa';
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

type Level = 'info' | 'warn' | 'error';

const levelOf = (status: number, failed: boolean): Level =>
  failed || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';

/**
 * Gives each request an id (kept from X-Request-Id when sane), a child logger and an access log line
 * (`{req: {id, method, url}, res: {statusCode}, responseTime}`, at warn for 4xx, error for 5xx and aborted
 * answers). The child logger is made when the request first logs, and the access line only built when its
 * level is on: pino-http made a child (its bindings serialised and redacted) for every request, which
 * showed on publish morning, when nothing else of most requests is logged.
 */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const { req, res } = ctx;
    const id = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    const start = Date.now();
    let child: Logger | undefined;
    const log = () => (child ??= logger.child({ req: { id, method: req.method, url: req.url } }));
    ctx.state.requestId = id;
    Object.defineProperty(ctx.state, 'log', { get: log, enumerable: true, configurable: true });
    const done = () => {
      res.off('finish', done).off('close', done);
      const failed = !res.writableFinished;
      const status = res.statusCode;
      const level = levelOf(status, failed);
      if (!logger.isLevelEnabled(level)) return;
      const line = { res: { statusCode: status }, responseTime: Date.now() - start };
      if (failed || status >= 500) {
        const err = new Error(failed ? 'request aborted' : `failed with status code ${status}`);
        log()[level]({ ...line, err }, 'request errored');
      } else log()[level](line, 'request completed');
    };
    res.on('finish', done).on('close', done);
    await next();
  };
}
