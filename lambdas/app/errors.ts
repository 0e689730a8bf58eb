/**
 * Errors as values with a kind, mapped to HTTP status codes by the API handler (never a 500 for
 * bad input). Messages are for API users and never carry personal data.
 */
export const API_ERROR_STATUS = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  TooManyRequests: 429,
} as const;
export type ApiErrorKind = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return API_ERROR_STATUS[this.kind];
  }
}

/** A conditional write lost: someone else holds the lease, or the ticket moved on. */
export class LeaseConflict extends Error {
  override name = 'LeaseConflict';
}
