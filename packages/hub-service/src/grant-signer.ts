import type { GrantPublicJwk } from '@isobar/authz';
import type { ElevationLevel } from './levels';

/**
 * What a grant is asked for: this person may act at this level on this
 * owner's UI server, under this elevation session, never past its end.
 */
export interface GrantRequest {
  readonly person: string;
  /** The owner whose UI server may accept it (one audience only). */
  readonly audience: string;
  readonly level: ElevationLevel;
  /** The elevation session, so a UI server can refuse grants of a session it learns has ended. */
  readonly session: string;
  /** When the elevation ends: the grant never outlives it. */
  readonly elevationExpiresAt: Date;
}

export interface IssuedGrant {
  /** A compact JWS, as authz's GrantVerifier accepts it. */
  readonly token: string;
  /** Its `exp`. */
  readonly expiresAt: Date;
}

/**
 * Turns a request into a signed grant. The service depends only on this, so
 * the signer can be swapped without touching the routes. Undefined: the
 * elevation ends before a grant could be valid for a whole second (JWT times
 * are whole seconds), so there is nothing to issue.
 */
export interface GrantSigner {
  issue(request: GrantRequest): Promise<IssuedGrant | undefined>;
}

/** A public key in JWK form, as UI servers fetch it to verify grants. */
export type PublicJwk = GrantPublicJwk;

/** Where the verification key comes from; separate from signing so a signer never has to expose more. */
export interface GrantKeySource {
  publicJwk(): PublicJwk;
}
