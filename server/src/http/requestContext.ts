import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
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
 * `ctx.state` of a request: its id, and its child logger, made when the request first logs. pino-http made a
 * child (its bindings serialised and redacted) for every request, which showed on publish morning, when
 * nothing else of most requests is logged.
 */
class RequestState {
  #child: Logger | undefined;
  readonly startedAt = Date.now();

  constructor(
    readonly requestId: string,
    private readonly logger: Logger,
    private readonly method: string | undefined,
    private readonly url: string | undefined,
  ) {}

  get log(): Logger {
    return (this.#child ??= this.logger.child({ req: { id: this.requestId, method: this.method, url: this.url } }));
  }

  /** The access line, built only when its level is on. */
  accessLog(res: ServerResponse): void {
    const failed = !res.writableFinished;
    const status = res.statusCode;
    const level = levelOf(status, failed);
    if (!this.logger.isLevelEnabled(level)) return;
    const line = { res: { statusCode: status }, responseTime: Date.now() - this.startedAt };
    if (failed || status >= 500) {
      const err = new Error(failed ? 'request aborted' : `failed with status code ${status}`);
      this.log[level]({ ...line, err }, 'request errored');
    } else this.log[level](line, 'request completed');
  }
}

/**
 * Gives each request an id (kept from X-Request-Id when sane), a child logger and an access log line
 * (`{req: {id, method, url}, res: {statusCode}, responseTime}`, at warn for 4xx, error for 5xx and aborted
 * answers), written when the answer closes (after it finished, or when the client went away first). No
 * closure or property is made per request beyond the state itself.
 */
export function requestContext(logger: Logger): Middleware<AppState> {
  return (ctx, next) => {
    const { req, res } = ctx;
    const state = new RequestState(requestIdFor(req.headers['x-request-id']), logger, req.method, req.url);
    res.setHeader('X-Request-Id', state.requestId);
    ctx.state = state as RequestState & AppState;
    res.on('close', () => state.accessLog(res));
    return next();
  };
}
