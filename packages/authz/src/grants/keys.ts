/**
 * Ed25519 keys for grants. hub-service makes a key pair in memory when it
 * starts (or is handed a private key on stdin) and publishes only the public
 * half; UI servers load that public half as a JWK or a PEM (SPKI). Nothing
 * here touches the file system: the private key must never reach disk.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { GRANT_ALGORITHM } from './claims';

/** The public members of an Ed25519 JWK, with the id grants name it by. */
export interface GrantPublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: typeof GRANT_ALGORITHM;
  readonly use: 'sig';
}

export interface GrantKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: GrantPublicJwk;
  readonly kid: string;
}

/** A public key ready for the verifier. */
export interface GrantPublicKey {
  readonly kid: string;
  readonly key: KeyObject;
}

/** A public key as configured: PEM text (SPKI), a JWK object, or JWK JSON text. */
export type GrantKeyInput = string | KeyObject | object;

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${what} is a ${key.asymmetricKeyType ?? key.type} key; grants need an Ed25519 key`);
  }
  return key;
}

/**
 * RFC 7638 thumbprint: the key id is derived from the key itself, so the
 * issuer and every verifier agree on it without configuring ids.
 */
export function grantKeyId(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function exportPublicJwk(publicKey: KeyObject): GrantPublicJwk {
  const key = requireEd25519(publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey, 'the key');
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('the Ed25519 key has no public part');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: grantKeyId(key), alg: GRANT_ALGORITHM, use: 'sig' };
}

export function exportPublicPem(publicKey: KeyObject): string {
  return requireEd25519(publicKey, 'the key').export({ format: 'pem', type: 'spki' }).toString();
}

/** A fresh key pair, in memory only. */
export function generateGrantKeys(): GrantKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = exportPublicJwk(publicKey);
  return { privateKey, publicKey, publicJwk, kid: publicJwk.kid };
}

/** A private key handed over as PKCS#8 PEM or a private JWK (e.g. read from stdin by hub-service). */
export function importGrantPrivateKey(input: string | Readonly<Record<string, unknown>>): KeyObject {
  const key =
    typeof input === 'string' && !input.trimStart().startsWith('{')
      ? createPrivateKey(input)
      : createPrivateKey({ key: typeof input === 'string' ? (JSON.parse(input) as Record<string, unknown>) : { ...input }, format: 'jwk' });
  return requireEd25519(key, 'the private key');
}

/**
 * A public key for the verifier. A JWK carrying a private part (`d`) is
 * refused: a UI server runs as an owner, and a signing key in its config
 * would let that owner mint grants for every server.
 */
export function importGrantPublicKey(input: GrantKeyInput): GrantPublicKey {
  let key: KeyObject;
  if (typeof input === 'string' && !input.trimStart().startsWith('{')) {
    if (input.includes('PRIVATE KEY')) throw new Error('a private key was given where the public key belongs');
    key = createPublicKey(input);
  } else if (!(input instanceof KeyObject)) {
    const jwk = typeof input === 'string' ? (JSON.parse(input) as Record<string, unknown>) : { ...(input as Record<string, unknown>) };
    if ('d' in jwk) throw new Error('a private JWK was given where the public key belongs');
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } else {
    if (input.type !== 'public') throw new Error(`a ${input.type} key was given where the public key belongs`);
    key = input;
  }
  requireEd25519(key, 'the public key');
  return { kid: grantKeyId(key), key };
}
