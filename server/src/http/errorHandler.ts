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

/** Maps every thrown error to `{code, message, requestId}`; unexpected ones are logged and hidden. */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('ROUTE_NOT_FOUND');
    } catch (caught) {
      let error: AppError;
      if (caught instanceof AppError) {
        error = caught;
      } else if (caught instanceof ZodError) {
        error = fromZod(caught);
      } else if (caught instanceof ConnectionAcquireTimeoutError) {
        // Every pooled connection stayed busy for the acquire wait: a crowd, not a fault.
        ctx.set('Retry-After', '2');
        error = new AppError('BUSY');
      } else if ((caught as { type?: string }).type === 'entity.too.large') {
        error = new AppError('PAYLOAD_TOO_LARGE');
      } else if ((caught as { status?: number }).status === 400) {
        error = new AppError('VALIDATION_FAILED', { detail: '请求格式不正确' });
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
