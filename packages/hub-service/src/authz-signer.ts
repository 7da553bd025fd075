import { generateGrantKeys, GrantIssuer, type GrantKeyPair } from '@isobar/authz';
import type { GrantKeySource, GrantRequest, GrantSigner, IssuedGrant, PublicJwk } from './grant-signer';

export interface AuthzGrantSignerOptions {
  /** Seconds a grant lasts at most (hubService.grantLifetime): a whole number, 1 to 300. */
  readonly grantLifetime: number;
  /** The clock in ms, shared with the elevations so that a grant's end and its elevation's agree. */
  readonly now?: () => number;
  /** A key pair made elsewhere (tests); by default one is made here. */
  readonly keys?: GrantKeyPair;
}

/** The `exp` of a compact JWS this signer just made. */
function expiryOf(token: string): Date {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof payload.exp !== 'number') throw new Error('the issued grant has no exp');
  return new Date(payload.exp * 1000);
}

/**
 * Signs grants with `@isobar/authz`'s GrantIssuer (jose, EdDSA over Ed25519),
 * so that the claims are exactly what its GrantVerifier, used by every UI
 * server, checks: `iss` isobar-hub-service, `aud` isobar-uiserver:<owner>,
 * `sub`, `lvl`, `sid`, `sxp`, `jti`, `iat`, `nbf`, `exp`. The key pair is
 * made at start and lives in memory: it never touches disk, and a restart
 * invalidates every grant (they last seconds anyway; UI servers refetch the
 * key when they meet an unknown `kid`).
 */
export class AuthzGrantSigner implements GrantSigner, GrantKeySource {
  private readonly keys: GrantKeyPair;
  private readonly issuer: GrantIssuer;
  private readonly now: () => number;

  constructor(options: AuthzGrantSignerOptions) {
    this.keys = options.keys ?? generateGrantKeys();
    this.now = options.now ?? Date.now;
    this.issuer = new GrantIssuer({ privateKey: this.keys.privateKey, ttlSeconds: options.grantLifetime, now: () => new Date(this.now()) });
  }

  async issue(request: GrantRequest): Promise<IssuedGrant | undefined> {
    // The issuer refuses an elevation ending within the current second; that is no error, only nothing to give.
    if (Math.floor(request.elevationExpiresAt.getTime() / 1000) <= Math.floor(this.now() / 1000)) return undefined;
    const token = await this.issuer.issue({
      person: request.person,
      level: request.level,
      audience: request.audience,
      session: request.session,
      expiresAt: request.elevationExpiresAt,
    });
    return { token, expiresAt: expiryOf(token) };
  }

  publicJwk(): PublicJwk {
    return this.keys.publicJwk;
  }
}
