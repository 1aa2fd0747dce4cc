import { errorMessage, isErrorCode, type ApiErrorBody } from '@kaowei/shared';
import type { Middleware } from 'koa';
import { ConnectionAcquireTimeoutError } from 'sequelize';
import { ZodError } from 'zod';
import { AppError } from './errors';
import type { AppState } from './types';

function fromZod(error: ZodError): AppError {
  const fields = error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  // A single field with its own error code (ID number, phone, course code…) answers with that code.
  const first = error.issues[0];
  const { errorCode, ...params } = (first?.code === 'custom' ? first.params : undefined) ?? {};
  if (isErrorCode(errorCode) && error.issues.length === 1) {
    return new AppError(errorCode, params as Record<string, string>, { fields });
  }
  return new AppError('VALIDATION_FAILED', { detail: fields.map((f) => f.message).join('；') }, { fields });
}

/**
 * Client errors that Koa and its middleware signal by HTTP status alone: http-errors thrown by the body parser
 * (an unsupported Content-Encoding) or the static files (a path leaving the folder), a bare status from the router.
 */
function fromStatus(status: number): AppError {
  switch (status) {
    case 403:
      return new AppError('FORBIDDEN');
    case 404:
      return new AppError('ROUTE_NOT_FOUND');
    case 405:
    case 501:
      return new AppError('METHOD_NOT_ALLOWED');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE');
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return new AppError('VALIDATION_FAILED', { detail: '请求格式不正确' });
  }
}

const clientErrorStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

/** Maps every thrown error to `{code, message, requestId}`; unexpected ones are logged and hidden. */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      // Nothing answered (404), or the router's allowedMethods set a bare 405/501 (its Allow header stays).
      if (ctx.body === undefined && [404, 405, 501].includes(ctx.status)) throw fromStatus(ctx.status);
    } catch (caught) {
      let error: AppError;
      const status = clientErrorStatus(caught);
      if (caught instanceof AppError) {
        error = caught;
      } else if (caught instanceof ZodError) {
        error = fromZod(caught);
      } else if (caught instanceof ConnectionAcquireTimeoutError) {
        // Every pooled connection stayed busy for the acquire wait: a crowd, not a fault.
        ctx.set('Retry-After', '2');
        error = new AppError('BUSY');
      } else if (status !== undefined) {
        error = fromStatus(status);
      } else {
        ctx.state.log.error({ err: caught }, 'unhandled error');
        error = new AppError('INTERNAL_ERROR');
      }
      const body: ApiErrorBody = {
        code: error.code,
        message: error.code === 'INTERNAL_ERROR' ? errorMessage('INTERNAL_ERROR') : error.message,
        requestId: ctx.state.requestId,
      };
      if (error.details !== undefined) body.details = error.details;
      ctx.status = error.status;
      ctx.body = body;
    }
  };
}
