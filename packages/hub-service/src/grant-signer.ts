import type { ElevationLevel } from './levels';

/**
 * What a grant says: this person may act at this level on this owner's UI
 * server, under this elevation session, until then. Times are seconds since
 * the epoch, as in JWTs.
 */
export interface GrantClaims {
  /** The person. */
  readonly sub: string;
  /** The owner whose UI server may accept it (one audience only). */
  readonly aud: string;
  readonly level: ElevationLevel;
  /** The elevation session, so a UI server can refuse grants of a session it learns has ended. */
  readonly sid: string;
  readonly iat: number;
  readonly exp: number;
}

/**
 * Turns claims into a signed grant. The service depends only on this, so
 * the signer (this package's node:crypto one, or authz's jose-based
 * GrantIssuer) can be swapped without touching the routes.
 */
export interface GrantSigner {
  issue(claims: GrantClaims): Promise<string>;
}

/** A public key in JWK form, as UI servers fetch it to verify grants. */
export interface PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
}

/** Where the verification key comes from; separate from signing so a signer never has to expose more. */
export interface GrantKeySource {
  publicJwk(): PublicJwk;
}
