/** Turns errors into HTTP answers the same way in every web part (the UI server and the hub-service). */
import { HubClientError, HubUnreachableError, OAuthCodeRejectedError } from './errors';

/** An error meant for the client: status, stable code, and a message safe to show. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one place where errors become HTTP statuses. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof OAuthCodeRejectedError) {
    return new HttpError(400, err.code, 'The hub refused the login code (it may have been used already). Please start again.');
  }
  if (err instanceof HubUnreachableError)
    return new HttpError(503, err.code, 'The hub cannot be reached just now. Please try again shortly.');
  if (err instanceof HubClientError) return new HttpError(502, err.code, 'The hub gave an unexpected answer.');
  // Express's own errors (a malformed body or URL) carry a 4xx status.
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, 'BAD_REQUEST', 'Bad request.');
  return new HttpError(500, 'INTERNAL', 'Internal error.');
}
