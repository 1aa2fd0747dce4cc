import { AppError } from './errors';
import type { ApiContext } from './apiRouter';

/** A positive integer id from the path; anything else is "<what> does not exist". */
export function idParam(ctx: ApiContext, name: string, what: string): number {
  const id = Number(ctx.params[name]);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', { what });
  return id;
}
