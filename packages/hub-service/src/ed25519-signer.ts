import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { GrantClaims, GrantKeySource, GrantSigner, PublicJwk } from './grant-signer';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** RFC 7638 thumbprint: the key's id is derived from the key, so it changes whenever the key does. */
function thumbprint(x: string): string {
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/**
 * Signs grants as compact JWS (EdDSA over Ed25519) with node:crypto only.
 * The key pair is made at start and lives in memory: it never touches disk,
 * and a restart invalidates every grant (they last seconds anyway; UI servers
 * refetch the key when they meet an unknown `kid`).
 */
export class Ed25519GrantSigner implements GrantSigner, GrantKeySource {
  private readonly privateKey: KeyObject;
  private readonly jwk: PublicJwk;

  constructor(private readonly issuer: string) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const exported = publicKey.export({ format: 'jwk' });
    if (typeof exported.x !== 'string') throw new Error('node:crypto exported an Ed25519 key without x');
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x: exported.x, kid: thumbprint(exported.x), alg: 'EdDSA', use: 'sig' };
  }

  issue(claims: GrantClaims): Promise<string> {
    const header = { alg: 'EdDSA', typ: 'JWT', kid: this.jwk.kid };
    // jti: every grant distinct, so a UI server can log and de-duplicate them.
    const payload = { iss: this.issuer, jti: randomBytes(12).toString('base64url'), ...claims };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = sign(null, Buffer.from(input), this.privateKey);
    return Promise.resolve(`${input}.${signature.toString('base64url')}`);
  }

  publicJwk(): PublicJwk {
    return this.jwk;
  }
}
