/**
 * Verifying grants: a UI server's side. Everything that is not a grant
 * hub-service signed for this owner, for now, is refused with a `GrantError`
 * whose code says why, so the refusal can be audited as such.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { GRANT_ALGORITHM, GRANT_ISSUER, GRANT_TYPE, grantAudience, isGrantLevel, type VerifiedGrant } from './claims';
import { GrantError } from './errors';
import { importGrantPublicKey, type GrantKeyInput, type GrantPublicKey } from './keys';
import type { RevocationCheck } from './revocation';

/** Clocks of hub-service and a UI server may differ by this much at most. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 5;

export interface GrantVerifierOptions {
  /** hub-service's public key, or several while it rotates keys. */
  readonly publicKeys: GrantKeyInput | readonly GrantKeyInput[];
  readonly revocations?: RevocationCheck;
  /** Seconds of clock difference forgiven on `exp`, `nbf` and `iat`; at most 5, default 5. */
  readonly clockToleranceSeconds?: number;
  /**
   * Longest lifetime (`exp - iat`) accepted, in seconds; default 300. A grant
   * living longer was not made by a correctly configured hub-service.
   */
  readonly maxLifetimeSeconds?: number;
}

export interface VerifyOptions {
  /** The owner whose UI server is asking: the grant's audience must name them. */
  readonly owner: string;
  readonly now?: Date;
}

const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'lvl', 'sid'] as const;

function isKeyList(input: GrantVerifierOptions['publicKeys']): input is readonly GrantKeyInput[] {
  return Array.isArray(input);
}

/** jose's errors, each turned into the one code that names it. */
function translate(err: unknown): GrantError {
  if (err instanceof GrantError) return err;
  if (err instanceof errors.JWTExpired) return new GrantError('expired', 'the grant has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return new GrantError('missing-claims', `the grant has no "${err.claim}" claim`);
    switch (err.claim) {
      case 'aud':
        return new GrantError('wrong-audience', 'the grant is for another UI server');
      case 'iss':
        return new GrantError('wrong-issuer', 'the grant was not issued by hub-service');
      case 'nbf':
      case 'iat':
        return new GrantError('not-yet-valid', 'the grant is not valid yet');
      case 'typ':
        return new GrantError('malformed', 'the token is not a grant');
      default:
        return new GrantError('invalid-claims', `claim "${err.claim}": ${err.message}`);
    }
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return new GrantError('bad-signature', 'the signature does not match');
  if (err instanceof errors.JOSEAlgNotAllowed) return new GrantError('wrong-algorithm', 'the grant is not signed with EdDSA');
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid || err instanceof errors.JOSENotSupported) {
    return new GrantError('malformed', err.message);
  }
  return new GrantError('malformed', err instanceof Error ? err.message : String(err));
}

function requireString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (typeof value !== 'string' || value === '') throw new GrantError('invalid-claims', `claim "${claim}" must be a non-empty string`);
  return value;
}

export class GrantVerifier {
  private readonly keys: readonly GrantPublicKey[];
  private readonly revocations: RevocationCheck | undefined;
  private readonly toleranceSeconds: number;
  private readonly maxLifetimeSeconds: number;

  constructor(options: GrantVerifierOptions) {
    const inputs = isKeyList(options.publicKeys) ? options.publicKeys : [options.publicKeys];
    if (inputs.length === 0) throw new Error('GrantVerifier needs at least one public key');
    this.keys = inputs.map(importGrantPublicKey);
    this.revocations = options.revocations;
    const tolerance = options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
    if (!(tolerance >= 0 && tolerance <= MAX_CLOCK_TOLERANCE_SECONDS)) {
      throw new Error(`clock tolerance must be 0 to ${MAX_CLOCK_TOLERANCE_SECONDS} seconds, not ${tolerance}`);
    }
    this.toleranceSeconds = tolerance;
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? 300;
  }

  async verify(token: string, options: VerifyOptions): Promise<VerifiedGrant> {
    try {
      return await this.check(token, options);
    } catch (err) {
      throw translate(err);
    }
  }

  private async check(token: string, options: VerifyOptions): Promise<VerifiedGrant> {
    const now = options.now ?? new Date();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // The header is read before any key is tried so that `none` and HMAC
    // tokens (an HMAC "signed" with the public key as its secret) are named as
    // what they are; jose would refuse them anyway through `algorithms`.
    const header = decodeProtectedHeader(token);
    if (header.alg !== GRANT_ALGORITHM) throw new GrantError('wrong-algorithm', `alg ${String(header.alg)} is not accepted`);
    const key = this.keyFor(header.kid);
    const { payload } = await jwtVerify(token, key, {
      algorithms: [GRANT_ALGORITHM],
      typ: GRANT_TYPE,
      issuer: GRANT_ISSUER,
      audience: grantAudience(options.owner),
      clockTolerance: this.toleranceSeconds,
      currentDate: now,
      requiredClaims: [...REQUIRED_CLAIMS],
    });
    const person = requireString(payload, 'sub');
    const session = requireString(payload, 'sid');
    const grantId = requireString(payload, 'jti');
    if (!isGrantLevel(payload.lvl)) throw new GrantError('invalid-claims', 'claim "lvl" must be execute or write');
    const issuedAt = payload.iat ?? 0;
    const expires = payload.exp ?? 0;
    // jose checks `iat` only when a maximum age is given; a grant issued in the future is not valid yet.
    if (issuedAt > nowSeconds + this.toleranceSeconds) throw new GrantError('not-yet-valid', 'the grant was issued in the future');
    if (expires - issuedAt > this.maxLifetimeSeconds) {
      throw new GrantError('invalid-claims', `the grant lives ${expires - issuedAt} s, more than ${this.maxLifetimeSeconds} s`);
    }
    const sessionEnd = payload.sxp;
    if (this.revocations) {
      if ((await this.revocations.isRevoked(session)) || (await this.revocations.isRevoked(grantId))) {
        throw new GrantError('revoked', `elevation session ${session} or grant ${grantId} was revoked`);
      }
    }
    return {
      person,
      level: payload.lvl,
      session,
      grantId,
      expiresAt: new Date(expires * 1000),
      sessionExpiresAt: typeof sessionEnd === 'number' ? new Date(sessionEnd * 1000) : undefined,
    };
  }

  /**
   * The key a grant names. A grant without `kid` is tried against the only key;
   * with several keys configured it must say which, so an unknown id is refused
   * rather than every key being tried.
   */
  private keyFor(kid: string | undefined): GrantPublicKey['key'] {
    if (kid === undefined) {
      const only = this.keys.length === 1 ? this.keys[0] : undefined;
      if (only) return only.key;
      throw new GrantError('unknown-key', 'the grant names no key and several are configured');
    }
    const found = this.keys.find((candidate) => candidate.kid === kid);
    if (!found) throw new GrantError('unknown-key', `no public key with id ${kid}`);
    return found.key;
  }
}
