/**
 * Errors from talking to the hub. Callers branch on `code` (stable) or on the
 * class, never on message text.
 */
export type HubClientErrorCode = 'HUB_UNREACHABLE' | 'HUB_HTTP_ERROR' | 'HUB_INVALID_REPLY' | 'TOKEN_REJECTED' | 'OAUTH_CODE_REJECTED';

export abstract class HubClientError extends Error {
  abstract readonly code: HubClientErrorCode;
}

/** Network failure or timeout: the hub may be restarting, so callers may keep cached state. */
export class HubUnreachableError extends HubClientError {
  readonly code = 'HUB_UNREACHABLE';
  override readonly name = 'HubUnreachableError';
}

/** The hub answered with an unexpected status. */
export class HubHttpError extends HubClientError {
  readonly code = 'HUB_HTTP_ERROR';
  override readonly name = 'HubHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The hub answered 2xx but the body is not what its API promises. */
export class HubInvalidReplyError extends HubClientError {
  readonly code = 'HUB_INVALID_REPLY';
  override readonly name = 'HubInvalidReplyError';
}

/** A token was refused (401/403): expired, revoked or never valid. Restart login. */
export class TokenRejectedError extends HubClientError {
  readonly code = 'TOKEN_REJECTED';
  override readonly name = 'TokenRejectedError';
  constructor(
    readonly status: number,
    message = 'the hub rejected the token',
  ) {
    super(message);
  }
}

/** The token endpoint refused an authorization code (used, expired, or wrong client). */
export class OAuthCodeRejectedError extends HubClientError {
  readonly code = 'OAUTH_CODE_REJECTED';
  override readonly name = 'OAuthCodeRejectedError';
  constructor(
    readonly status: number,
    message = 'the hub rejected the authorization code',
  ) {
    super(message);
  }
}
