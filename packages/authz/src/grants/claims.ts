/**
 * What a grant says. A grant is a short-lived JWT that hub-service signs after
 * the person re-authenticated there; an owner's UI server accepts it as proof
 * that the person raised their level. The names here are shared by the
 * issuer and the verifier so the two cannot drift apart.
 */

/** `iss` of every grant: only hub-service signs grants. */
export const GRANT_ISSUER = 'isobar-hub-service';

/**
 * JOSE `typ` header of every grant. Checked on verify so that another token
 * signed with the same key (hub-service may sign other things one day) is
 * never taken for a grant.
 */
export const GRANT_TYPE = 'isobar-grant+jwt';

/** The only signature algorithm a grant may use: Ed25519, never `none` or HMAC. */
export const GRANT_ALGORITHM = 'EdDSA';

/** Levels a grant can raise a person to; read needs no grant. */
export const GRANT_LEVELS = ['execute', 'write'] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];

export function isGrantLevel(value: unknown): value is GrantLevel {
  return typeof value === 'string' && (GRANT_LEVELS as readonly string[]).includes(value);
}

/**
 * `aud` of a grant for one owner's UI server. Binding a grant to one owner
 * makes it useless to steal: an owner can read their own server's memory, so
 * a grant presented there must not open anyone else's server.
 */
export function grantAudience(owner: string): string {
  return `isobar-uiserver:${owner}`;
}

/** A grant the verifier accepted. */
export interface VerifiedGrant {
  /** The person the grant elevates (`sub`). */
  readonly person: string;
  /** The level they raised to (`lvl`). */
  readonly level: GrantLevel;
  /** The elevation session (`sid`): one re-authentication, many refreshed grants. */
  readonly session: string;
  /** This grant (`jti`), for the audit trail and revocation. */
  readonly grantId: string;
  /** When this grant stops being accepted (`exp`); the page refreshes it before then. */
  readonly expiresAt: Date;
  /** When the elevation itself ends (`sxp`), for showing the remaining time; undefined if not said. */
  readonly sessionExpiresAt: Date | undefined;
}
