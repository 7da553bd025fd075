import assert from 'node:assert/strict';
import { GRANT_ISSUER, GrantError, GrantVerifier, grantAudience } from '@isobar/authz';
import { formatAuditLine } from '../src/audit';
import type { Browser } from './helpers/browser';
import { csrfOf } from './helpers/browser';
import { JACINTAR, ROOTA, Site } from './helpers/site';

const ELEVATE = '/services/isobar/elevate';
const GRANTS = '/services/isobar/api/grants';

/** The served key, as a UI server fetches it (grantKeyUrl) and gives it to authz's verifier. */
async function verifierFor(browser: Browser): Promise<GrantVerifier> {
  const jwk = (await (await browser.request('/services/isobar/api/grant-key')).json()) as Record<string, string>;
  assert.equal(jwk['kty'], 'OKP');
  assert.equal(jwk['crv'], 'Ed25519');
  assert.equal(jwk['alg'], 'EdDSA');
  return new GrantVerifier({ publicKeys: jwk });
}

function payloadOf(grant: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(grant.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('grants, drop, revocation and expiry', () => {
  let site: Site;

  afterEach(async () => {
    await site.stop();
  });

  async function elevated(name: string, password: string, level = 'execute'): Promise<Browser> {
    const { browser, html } = await site.signedIn(name);
    const response = await browser.postForm(ELEVATE, { csrf: csrfOf(html), level, next: '/user/alice/', password });
    assert.equal(response.status, 303);
    return browser;
  }

  describe('with the default settings', () => {
    beforeEach(async () => {
      site = await new Site().start();
    });

    it('refuses a grant while read-only, and records it', async () => {
      const { browser } = await site.signedIn(JACINTAR.name);
      const response = await browser.postJson(GRANTS, { audience: 'alice' });
      assert.equal(response.status, 403);
      assert.equal(((await response.json()) as { code: string }).code, 'NOT_ELEVATED');
      const [denied] = site.auditOf('grant');
      assert.match(formatAuditLine(denied!), /User jacintar was refused a grant for alice's server \(not elevated\)$/);
    });

    it('issues a signed grant for the requested audience, bound to the elevation, expiring within the grant lifetime', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password, 'write');
      const now = Math.floor(Date.now() / 1000);
      const response = await browser.postJson(GRANTS, { audience: 'atmosphere_stage' });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, string>;
      assert.equal(body['audience'], 'atmosphere_stage');
      assert.equal(body['level'], 'write');
      const grant = body['grant'] ?? '';
      const verified = await (await verifierFor(browser)).verify(grant, { owner: 'atmosphere_stage' });
      assert.equal(verified.person, 'jacintar');
      assert.equal(verified.level, 'write');
      assert.equal(verified.session, site.auditOf('raise')[0]?.session);
      const payload = payloadOf(grant);
      assert.equal(payload['iss'], GRANT_ISSUER);
      assert.equal(payload['aud'], grantAudience('atmosphere_stage'));
      const exp = Number(payload['exp']);
      assert.ok(exp > now && exp <= now + 31, `exp ${exp} within 30 s of ${now}`);
      assert.equal(body['expiresAt'], new Date(exp * 1000).toISOString());
    });

    it('gives grants that authz’s GrantVerifier accepts for that owner only', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password);
      const verifier = await verifierFor(browser);
      const body = (await (await browser.postJson(GRANTS, { audience: 'alice' })).json()) as Record<string, string>;
      const grant = body['grant'] ?? '';
      const verified = await verifier.verify(grant, { owner: 'alice' });
      assert.equal(verified.person, 'jacintar');
      assert.equal(verified.level, 'execute');
      assert.equal(verified.expiresAt.toISOString(), body['expiresAt']);
      assert.equal(verified.sessionExpiresAt?.getTime(), Math.floor(Date.parse(body['elevationExpiresAt'] ?? '') / 1000) * 1000);
      await assert.rejects(
        verifier.verify(grant, { owner: 'bob' }),
        (err: unknown) => err instanceof GrantError && err.code === 'wrong-audience',
      );
      const [header, , signature] = grant.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...payloadOf(grant), lvl: 'write' })).toString('base64url')}.${signature}`;
      await assert.rejects(
        verifier.verify(tampered, { owner: 'alice' }),
        (err: unknown) => err instanceof GrantError && err.code === 'bad-signature',
      );
    });

    it('refuses an audience that cannot name an owner', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password);
      for (const audience of ['', '../alice', 'alice/x', 'a b', 42, null]) {
        assert.equal((await browser.postJson(GRANTS, { audience })).status, 400, JSON.stringify(audience));
      }
    });

    it('drops back to read-only on request: no more grants, and a record', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password);
      const drop = await browser.postJson('/services/isobar/api/drop', {});
      assert.deepEqual(await drop.json(), { level: 'read' });
      assert.deepEqual(await (await browser.request('/services/isobar/api/elevation')).json(), { level: 'read' });
      assert.equal((await browser.postJson(GRANTS, { audience: 'alice' })).status, 403);
      const [dropped] = site.auditOf('drop');
      assert.equal(dropped?.session, site.auditOf('raise')[0]?.session);
      assert.match(formatAuditLine(dropped!), /User jacintar dropped privileges to read$/);
    });

    it('lets a hub admin, and only an admin, revoke someone’s elevation', async () => {
      const target = await elevated(JACINTAR.name, JACINTAR.password);
      site.hub.add({ name: 'peer', password: 'peer-pw' });
      const peer = (await site.signedIn('peer')).browser;
      const refused = await peer.postJson('/services/isobar/api/revoke', { person: 'jacintar' });
      assert.equal(refused.status, 403);
      assert.equal(site.auditOf('revoke')[0]?.result, 'denied');
      assert.equal((await target.postJson(GRANTS, { audience: 'alice' })).status, 200);

      const admin = (await site.signedIn(ROOTA.name)).browser;
      const revoked = await admin.postJson('/services/isobar/api/revoke', { person: 'jacintar' });
      assert.deepEqual(await revoked.json(), { person: 'jacintar', revoked: 1 });
      assert.equal((await target.postJson(GRANTS, { audience: 'alice' })).status, 403);
      const record = site.auditOf('revoke').find((r) => r.result === 'ok');
      assert.equal(record?.person, 'roota');
      assert.equal(record?.target, 'jacintar');
      assert.match(formatAuditLine(record!), /User roota revoked jacintar's execute privileges$/);
    });

    it('serves the public key without a session', async () => {
      const response = await fetch(`${site.origin}/services/isobar/api/grant-key`);
      assert.equal(response.status, 200);
      const jwk = (await response.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    });
  });

  describe('with a short elevation', () => {
    beforeEach(async () => {
      // Grants are JWTs with whole-second times: an elevation must have more than a second left to get one.
      site = await new Site({ duration: { execute: 1.3, write: 1.3 } }).start();
    });

    it('never issues a grant that outlives the elevation', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password);
      const body = (await (await browser.postJson(GRANTS, { audience: 'alice' })).json()) as Record<string, string>;
      assert.ok(Date.parse(body['expiresAt'] ?? '') <= Date.parse(body['elevationExpiresAt'] ?? ''));
    });

    it('ends by itself: an expiry record from the timer, with nobody asking, then read-only', async () => {
      const browser = await elevated(JACINTAR.name, JACINTAR.password);
      assert.equal(site.auditOf('expire').length, 0);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const [expired] = site.auditOf('expire');
      assert.equal(expired?.person, 'jacintar');
      assert.equal(expired?.session, site.auditOf('raise')[0]?.session);
      assert.match(formatAuditLine(expired!), /User jacintar's execute privileges expired$/);
      assert.equal(site.service.elevations.size, 0);
      assert.deepEqual(await (await browser.request('/services/isobar/api/elevation')).json(), { level: 'read' });
      assert.equal((await browser.postJson(GRANTS, { audience: 'alice' })).status, 403);
    });
  });
});
