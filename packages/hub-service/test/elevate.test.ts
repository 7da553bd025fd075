import assert from 'node:assert/strict';
import { formatAuditLine } from '../src/audit';
import { csrfOf } from './helpers/browser';
import { ELEVATE_EXECUTE, JACINTAR, ROOTA, Site } from './helpers/site';

const ELEVATE = '/services/isobar/elevate';

describe('raising privileges with the password', () => {
  let site: Site;

  beforeEach(async () => {
    site = await new Site().start();
  });

  afterEach(async () => {
    await site.stop();
  });

  it('elevates on the right password, checked by the hub with no other credentials, and deletes the proving token', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const before = Date.now();
    const response = await browser.postForm(ELEVATE, {
      csrf: csrfOf(html),
      level: 'execute',
      next: '/user/alice/?view=tree',
      password: JACINTAR.password,
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/user/alice/?view=tree');

    const [creation] = site.hub.creations;
    assert.equal(site.hub.creations.length, 1);
    assert.equal(creation?.authorization, undefined, 'no token sent with the password');
    assert.equal(creation?.cookie, undefined, 'no cookie sent with the password');
    assert.deepEqual(creation?.body, {
      auth: { username: 'jacintar', password: JACINTAR.password },
      expires_in: 60,
      note: 'isobar elevation check',
    });
    assert.deepEqual(site.hub.deletions, [
      { user: 'jacintar', id: creation?.id, authorization: `token ${site.hub.serviceToken}`, status: 204 },
    ]);
    assert.equal(site.hub.liveProbeTokens.size, 0);

    const status = (await (await browser.request('/services/isobar/api/elevation')).json()) as Record<string, unknown>;
    assert.equal(status['level'], 'execute');
    assert.ok(Math.abs(Date.parse(String(status['expiresAt'])) - (before + 15 * 60_000)) < 5_000);
    assert.ok(Number(status['remainingSeconds']) > 890 && Number(status['remainingSeconds']) <= 900);

    const [raise] = site.auditOf('raise');
    assert.equal(raise?.result, 'ok');
    assert.equal(raise?.person, 'jacintar');
    assert.equal(raise?.level, 'execute');
    assert.match(raise?.session ?? '', /^[A-Za-z0-9_-]{22}$/);
    assert.match(formatAuditLine(raise!), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ User jacintar raised privileges to execute$/);
  });

  it('deletes the proving token with that token itself if the hub refuses the service (no tokens scope)', async () => {
    site.hub.serviceMayDeleteTokens = false;
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const response = await browser.postForm(ELEVATE, {
      csrf: csrfOf(html),
      level: 'write',
      next: '/user/alice/',
      password: JACINTAR.password,
    });
    assert.equal(response.status, 303);
    assert.deepEqual(
      site.hub.deletions.map((d) => d.status),
      [403, 204],
    );
    assert.equal(site.hub.liveProbeTokens.size, 0);
  });

  it('refuses a wrong password, says so on the form, and records the denial', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const response = await browser.postForm(ELEVATE, { csrf: csrfOf(html), level: 'execute', next: '/user/alice/', password: 'guess' });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /id="error" role="alert">That password was not accepted/);
    assert.equal(((await (await browser.request('/services/isobar/api/elevation')).json()) as { level: string }).level, 'read');
    const [denied] = site.auditOf('raise');
    assert.equal(denied?.result, 'denied');
    assert.equal(denied?.reason, 'wrong password');
    assert.equal(denied?.client, '127.0.0.1');
    assert.match(formatAuditLine(denied!), /User jacintar was refused privileges to execute \(wrong password\)$/);
  });

  it('locks a person out after 5 wrong passwords, then refuses even the right one without asking the hub', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const csrf = csrfOf(html);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // Different addresses: only the per-person count can trip.
      const response = await browser.postForm(
        ELEVATE,
        { csrf, level: 'execute', next: '/user/alice/', password: `guess ${i}` },
        { 'X-Forwarded-For': `10.0.0.${i}` },
      );
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 429]);
    const [lockout] = site.auditOf('lockout');
    assert.equal(lockout?.person, 'jacintar');
    assert.match(formatAuditLine(lockout!), /User jacintar was locked out of raising privileges \(too many wrong passwords; 900 s\)$/);

    const asked = site.hub.creations.length;
    const locked = await browser.postForm(
      ELEVATE,
      { csrf, level: 'execute', next: '/user/alice/', password: JACINTAR.password },
      { 'X-Forwarded-For': '10.0.0.99' },
    );
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 800);
    assert.equal(site.hub.creations.length, asked, 'the hub is not asked during a lockout');
    assert.equal(site.auditOf('raise').at(-1)?.reason, 'locked out');
    // The form itself says so too.
    assert.equal((await browser.request(ELEVATE_EXECUTE)).status, 429);
  });

  it('locks out a client address that guesses across people, and only that address', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) site.hub.add({ name, password: `${name}-pw` });
    const attacker = { 'X-Forwarded-For': '203.0.113.7' };
    const statuses: number[] = [];
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      const { browser, html } = await site.signedIn(name);
      statuses.push(
        (await browser.postForm(ELEVATE, { csrf: csrfOf(html), level: 'execute', next: '/user/alice/', password: 'nope' }, attacker))
          .status,
      );
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 429]);
    const { browser, html } = await site.signedIn('p6');
    const fromAttacker = await browser.postForm(
      ELEVATE,
      { csrf: csrfOf(html), level: 'execute', next: '/user/alice/', password: 'p6-pw' },
      attacker,
    );
    assert.equal(fromAttacker.status, 429);
    const fromElsewhere = await browser.postForm(
      ELEVATE,
      { csrf: csrfOf(html), level: 'execute', next: '/user/alice/', password: 'p6-pw' },
      { 'X-Forwarded-For': '198.51.100.1' },
    );
    assert.equal(fromElsewhere.status, 303);
    assert.ok(site.auditOf('lockout').some((r) => r.reason?.includes('203.0.113.7')));
  });

  for (const next of [
    'http://evil.example/user/alice/',
    '//evil.example/user/alice/',
    '/hub/admin',
    '/services/isobar/api/drop',
    '/user/../hub/admin',
    '/user/%2e%2e/hub/admin',
    'javascript:alert(1)//user/',
    '/user/alice/\\..\\..\\hub',
    'user/alice/',
  ]) {
    it(`refuses to go back to ${next}`, async () => {
      const { browser, html } = await site.signedIn(JACINTAR.name);
      const form = await browser.request(`${ELEVATE}?level=execute&next=${encodeURIComponent(next)}`);
      assert.equal(form.status, 400);
      assert.match(await form.text(), /only go back to a workflow page of this site/);
      const post = await browser.postForm(ELEVATE, { csrf: csrfOf(html), level: 'execute', next, password: JACINTAR.password });
      assert.equal(post.status, 400);
      assert.equal(site.hub.creations.length, 0, 'no password check for a refused return address');
    });
  }

  it('accepts an absolute URL of this origin and normalises it', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    const post = await browser.postForm(ELEVATE, {
      csrf: csrfOf(html),
      level: 'execute',
      next: `${site.origin}/user/bob/./x?a=1#t`,
      password: JACINTAR.password,
    });
    assert.equal(post.status, 303);
    assert.equal(post.headers.get('location'), '/user/bob/x?a=1#t');
  });

  it('goes straight back when the browser already holds the level, and asks again for a higher one', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    await browser.postForm(ELEVATE, { csrf: csrfOf(html), level: 'execute', next: '/user/alice/', password: JACINTAR.password });
    const again = await browser.request(ELEVATE_EXECUTE);
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), '/user/alice/');
    assert.equal((await browser.request(`${ELEVATE}?level=write&next=%2Fuser%2Falice%2F`)).status, 200);
  });

  it('refuses an unknown level', async () => {
    const { browser } = await site.signedIn(ROOTA.name);
    const response = await browser.request(`${ELEVATE}?level=root&next=%2Fuser%2Falice%2F`);
    assert.equal(response.status, 400);
  });
});
