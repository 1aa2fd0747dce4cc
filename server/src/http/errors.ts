import { ERRORS, errorMessage, type ErrorCode, type ErrorParams } from '@kaowei/shared';

/** A failure the user is told about: a stable code, its Chinese message, and the HTTP status. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    super(errorMessage(code, params));
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}
