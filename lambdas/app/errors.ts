/**
 * Errors of the use cases, as values with a kind; the handlers map kinds to outcomes (the agent
 * API to HTTP statuses). Messages are for the caller and never carry personal data.
 */
export type AppErrorKind =
  | 'InvalidInput'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  /** Well-formed, but it cannot be done (e.g. a reply to an address SES refuses). */
  | 'Unprocessable'
  | 'TooManyRequests';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly kind: AppErrorKind,
    message: string,
  ) {
    super(message);
  }
}
