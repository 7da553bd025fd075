import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { GRANT_ISSUER, GRANT_TYPE, grantAudience } from '../../src/grants/claims';
import { GrantError, type GrantErrorCode } from '../../src/grants/errors';
import { GrantIssuer } from '../../src/grants/issuer';
import { exportPublicJwk, exportPublicPem, generateGrantKeys } from '../../src/grants/keys';
import { RevocationList } from '../../src/grants/revocation';
import { GrantVerifier } from '../../src/grants/verifier';

const T0 = new Date('2026-11-26T10:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const keys = generateGrantKeys();
const issuer = new GrantIssuer({ privateKey: keys.privateKey, now: () => T0 });
const verifier = new GrantVerifier({ publicKeys: keys.publicJwk });
const request = {
  person: 'jacintar',
  level: 'execute',
  audience: 'atmosphere_stage',
  session: 'elev-1',
  expiresAt: at(15 * 60),
  grantId: 'grant-1',
} as const;

async function refused(promise: Promise<unknown>, code: GrantErrorCode): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof GrantError, `not a GrantError: ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  });
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function parts(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [header, payload, signature];
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token with these claims signed by the real key: the way to test claim checks past the signature. */
function signed(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TYPE, kid: keys.kid, ...header }).sign(keys.privateKey);
}

const goodClaims = {
  iss: GRANT_ISSUER,
  sub: 'jacintar',
  aud: grantAudience('atmosphere_stage'),
  lvl: 'execute',
  sid: 'elev-1',
  jti: 'grant-x',
  iat: T0.getTime() / 1000,
  nbf: T0.getTime() / 1000,
  exp: T0.getTime() / 1000 + 60,
};

describe('grants: issue and verify', () => {
  it('round-trips a grant with every claim', async () => {
    const token = await issuer.issue(request);
    const payload = decodePart(parts(token)[1]);
    assert.equal(payload.iss, 'isobar-hub-service');
    assert.equal(payload.aud, 'isobar-uiserver:atmosphere_stage');
    assert.equal(payload.sub, 'jacintar');
    assert.equal(payload.lvl, 'execute');
    assert.equal(payload.sid, 'elev-1');
    assert.equal(payload.jti, 'grant-1');
    assert.equal(payload.exp, (payload.iat as number) + 60);
    assert.deepEqual(decodePart(parts(token)[0]), { alg: 'EdDSA', typ: GRANT_TYPE, kid: keys.kid });

    const grant = await verifier.verify(token, { owner: 'atmosphere_stage', now: at(10) });
    assert.deepEqual(grant, {
      person: 'jacintar',
      level: 'execute',
      session: 'elev-1',
      grantId: 'grant-1',
      expiresAt: at(60),
      sessionExpiresAt: at(900),
    });
  });

  it('verifies with the key as PEM (SPKI) and as JWK JSON text, and picks the named key among several', async () => {
    const token = await issuer.issue(request);
    for (const publicKeys of [exportPublicPem(keys.publicKey), JSON.stringify(exportPublicJwk(keys.publicKey))]) {
      const grant = await new GrantVerifier({ publicKeys }).verify(token, { owner: 'atmosphere_stage', now: at(1) });
      assert.equal(grant.person, 'jacintar');
    }
    const rotated = new GrantVerifier({ publicKeys: [generateGrantKeys().publicJwk, keys.publicJwk] });
    assert.equal((await rotated.verify(token, { owner: 'atmosphere_stage', now: at(1) })).grantId, 'grant-1');
  });

  it('never outlives the elevation, and refuses to issue for one that has ended', async () => {
    const token = await issuer.issue({ ...request, expiresAt: at(20) });
    assert.deepEqual((await verifier.verify(token, { owner: 'atmosphere_stage', now: at(1) })).expiresAt, at(20));
    await assert.rejects(issuer.issue({ ...request, expiresAt: at(0) }), /already ended/);
    await assert.rejects(issuer.issue({ ...request, level: 'read' as 'execute' }), /execute or write/);
  });

  it('makes a fresh grant id when none is given', async () => {
    const [a, b] = await Promise.all([issuer.issue({ ...request, grantId: undefined }), issuer.issue({ ...request, grantId: undefined })]);
    const idA = (await verifier.verify(a, { owner: 'atmosphere_stage', now: at(1) })).grantId;
    const idB = (await verifier.verify(b, { owner: 'atmosphere_stage', now: at(1) })).grantId;
    assert.notEqual(idA, idB);
  });

  it('refuses public-key inputs that carry a private key', () => {
    assert.throws(() => new GrantVerifier({ publicKeys: keys.privateKey.export({ format: 'jwk' }) }), /private JWK/);
    assert.throws(
      () => new GrantVerifier({ publicKeys: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
      /private key/,
    );
    assert.throws(() => new GrantVerifier({ publicKeys: keys.publicJwk, clockToleranceSeconds: 30 }), /tolerance/);
  });
});

describe('grants: attacks refused', () => {
  it('a grant for owner A replayed at owner B’s server', async () => {
    const token = await issuer.issue(request);
    await refused(verifier.verify(token, { owner: 'ocean_stage', now: at(1) }), 'wrong-audience');
  });

  it('an expired grant, with at most 5 s of clock tolerance', async () => {
    const token = await issuer.issue(request);
    assert.equal((await verifier.verify(token, { owner: 'atmosphere_stage', now: at(64) })).person, 'jacintar');
    await refused(verifier.verify(token, { owner: 'atmosphere_stage', now: at(65) }), 'expired');
    await refused(verifier.verify(token, { owner: 'atmosphere_stage', now: at(3600) }), 'expired');
  });

  it('a grant not valid yet', async () => {
    const token = await issuer.issue(request);
    assert.equal((await verifier.verify(token, { owner: 'atmosphere_stage', now: at(-5) })).person, 'jacintar');
    await refused(verifier.verify(token, { owner: 'atmosphere_stage', now: at(-6) }), 'not-yet-valid');
  });

  it('a tampered payload (another person, a higher level)', async () => {
    const [header, payload, signature] = parts(await issuer.issue(request));
    for (const change of [{ sub: 'mallory' }, { lvl: 'write' }, { aud: grantAudience('ocean_stage') }, { exp: 9999999999 }]) {
      const forged = `${header}.${base64url({ ...decodePart(payload), ...change })}.${signature}`;
      await refused(verifier.verify(forged, { owner: 'atmosphere_stage', now: at(1) }), 'bad-signature');
    }
  });

  it('a tampered signature, or one made by another key', async () => {
    const token = await issuer.issue(request);
    const [header, payload, signature] = parts(token);
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await refused(
      verifier.verify(`${header}.${payload}.${flipped.toString('base64url')}`, { owner: 'atmosphere_stage', now: at(1) }),
      'bad-signature',
    );
    const other = generateGrantKeys();
    const stranger = await new GrantIssuer({ privateKey: other.privateKey, now: () => T0 }).issue(request);
    await refused(verifier.verify(stranger, { owner: 'atmosphere_stage', now: at(1) }), 'unknown-key');
    const [otherHeader, otherPayload, otherSignature] = parts(stranger);
    const relabelled = `${base64url({ ...decodePart(otherHeader), kid: keys.kid })}.${otherPayload}.${otherSignature}`;
    await refused(verifier.verify(relabelled, { owner: 'atmosphere_stage', now: at(1) }), 'bad-signature');
  });

  it('alg none', async () => {
    const token = `${base64url({ alg: 'none', typ: GRANT_TYPE })}.${base64url(goodClaims)}.`;
    await refused(verifier.verify(token, { owner: 'atmosphere_stage', now: at(1) }), 'wrong-algorithm');
  });

  it('HS256 forged with the public key as the HMAC secret', async () => {
    for (const secret of [exportPublicPem(keys.publicKey), JSON.stringify(keys.publicJwk), keys.publicJwk.x]) {
      const signingInput = `${base64url({ alg: 'HS256', typ: GRANT_TYPE, kid: keys.kid })}.${base64url(goodClaims)}`;
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
      await refused(verifier.verify(`${signingInput}.${mac}`, { owner: 'atmosphere_stage', now: at(1) }), 'wrong-algorithm');
    }
  });

  it('missing claims, each one', async () => {
    for (const claim of ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'lvl', 'sid']) {
      const claims: Record<string, unknown> = { ...goodClaims };
      delete claims[claim];
      await refused(verifier.verify(await signed(claims), { owner: 'atmosphere_stage', now: at(1) }), 'missing-claims');
    }
  });

  it('wrong claims signed by the real key: issuer, level, lifetime, token type', async () => {
    const check = (claims: Record<string, unknown>, header?: Record<string, unknown>) =>
      signed({ ...goodClaims, ...claims }, header).then((token) => verifier.verify(token, { owner: 'atmosphere_stage', now: at(1) }));
    await refused(check({ iss: 'someone-else' }), 'wrong-issuer');
    await refused(check({ lvl: 'read' }), 'invalid-claims');
    await refused(check({ sub: '' }), 'invalid-claims');
    await refused(check({ exp: goodClaims.iat + 3600 }), 'invalid-claims');
    await refused(check({ iat: goodClaims.iat + 30, nbf: undefined }), 'not-yet-valid');
    await refused(check({}, { typ: 'JWT' }), 'malformed');
  });

  it('a revoked elevation session or grant', async () => {
    let now = T0;
    const revocations = new RevocationList(() => now);
    const guarded = new GrantVerifier({ publicKeys: keys.publicJwk, revocations });
    const token = await issuer.issue(request);
    assert.equal((await guarded.verify(token, { owner: 'atmosphere_stage', now: at(1) })).person, 'jacintar');
    revocations.revoke('elev-1', at(65));
    await refused(guarded.verify(token, { owner: 'atmosphere_stage', now: at(1) }), 'revoked');
    const other = await issuer.issue({ ...request, session: 'elev-2', grantId: 'grant-2' });
    revocations.revoke('grant-2', at(65));
    await refused(guarded.verify(other, { owner: 'atmosphere_stage', now: at(1) }), 'revoked');
    // Entries are forgotten once no grant carrying them could be accepted.
    now = at(66);
    assert.equal(revocations.size, 0);
  });

  it('garbage', async () => {
    for (const token of ['', 'not-a-jwt', 'a.b.c', `${base64url({ alg: 'EdDSA' })}`]) {
      await refused(verifier.verify(token, { owner: 'atmosphere_stage', now: at(1) }), 'malformed');
    }
  });
});
