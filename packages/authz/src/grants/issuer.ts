/**
 * Signing grants: hub-service's side. A grant lives for a minute at most; the
 * elevated page asks for a fresh one before it runs out, so a drop or an
 * admin's revocation (hub-service just stops issuing) takes effect everywhere
 * within that minute, and within seconds where UI servers also hear about
 * revocations (see `RevocationList`).
 */
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { GRANT_ALGORITHM, GRANT_ISSUER, GRANT_TYPE, grantAudience, isGrantLevel, type GrantLevel } from './claims';
import { grantKeyId } from './keys';

/** Default and upper bound of a grant's lifetime, in seconds. */
export const DEFAULT_GRANT_TTL_SECONDS = 60;
export const MAX_GRANT_TTL_SECONDS = 300;

export interface GrantIssuerOptions {
  /** The Ed25519 private key, held in memory only. */
  readonly privateKey: KeyObject;
  /** Seconds a grant is accepted; at most `MAX_GRANT_TTL_SECONDS`. */
  readonly ttlSeconds?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

export interface GrantRequest {
  readonly person: string;
  readonly level: GrantLevel;
  /** The owner whose UI server may accept this grant. */
  readonly audience: string;
  /** The elevation session this grant belongs to. */
  readonly session: string;
  /** When the elevation ends: the grant never outlives it. */
  readonly expiresAt: Date;
  /** Id of this grant; a fresh UUID when not given. */
  readonly grantId?: string;
}

const NAME = /^[A-Za-z0-9._@+-][A-Za-z0-9._@+ -]*$/;

function requireName(value: string, what: string): void {
  if (!NAME.test(value)) throw new Error(`grant ${what} ${JSON.stringify(value)} is not a valid name`);
}

export class GrantIssuer {
  private readonly privateKey: KeyObject;
  private readonly kid: string;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: GrantIssuerOptions) {
    if (options.privateKey.type !== 'private' || options.privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error('GrantIssuer needs an Ed25519 private key');
    }
    const ttl = options.ttlSeconds ?? DEFAULT_GRANT_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_GRANT_TTL_SECONDS) {
      throw new Error(`grant lifetime must be 1 to ${MAX_GRANT_TTL_SECONDS} whole seconds, not ${ttl}`);
    }
    this.privateKey = options.privateKey;
    this.kid = grantKeyId(createPublicKey(options.privateKey));
    this.ttlSeconds = ttl;
    this.now = options.now ?? (() => new Date());
  }

  /** A compact JWS. Refuses to issue for an elevation that has already ended. */
  async issue(request: GrantRequest): Promise<string> {
    if (!isGrantLevel(request.level)) throw new Error(`grant level must be execute or write, not ${String(request.level)}`);
    requireName(request.person, 'person');
    requireName(request.audience, 'audience');
    requireName(request.session, 'session');
    const grantId = request.grantId ?? randomUUID();
    requireName(grantId, 'id');
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const sessionEnd = Math.floor(request.expiresAt.getTime() / 1000);
    const expires = Math.min(sessionEnd, issuedAt + this.ttlSeconds);
    if (!(expires > issuedAt)) throw new Error(`elevation session ${request.session} has already ended`);
    return new SignJWT({ lvl: request.level, sid: request.session, sxp: sessionEnd })
      .setProtectedHeader({ alg: GRANT_ALGORITHM, typ: GRANT_TYPE, kid: this.kid })
      .setIssuer(GRANT_ISSUER)
      .setSubject(request.person)
      .setAudience(grantAudience(request.audience))
      .setJti(grantId)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(expires)
      .sign(this.privateKey);
  }
}
