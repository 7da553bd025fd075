/** Why a grant was refused: one code per kind of failure, so callers can audit and tests can assert it. */
export type GrantErrorCode =
  | 'malformed'
  | 'wrong-algorithm'
  | 'unknown-key'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'missing-claims'
  | 'invalid-claims'
  | 'revoked';

export class GrantError extends Error {
  override readonly name = 'GrantError';

  constructor(
    readonly code: GrantErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
