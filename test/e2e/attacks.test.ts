/**
 * Elevation ends on time, and attacks are refused and audited, with the
 * real hub, hub-service, UI servers, Cylc schedulers, slapd and Chromium.
 * The hub runs here with a 5-second elevation to execute (write keeps 15
 * minutes, so the attacks made at write are not racing the clock).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Client } from 'graphql-ws';
import type { WebSocket } from 'playwright-core';
import { E2E_SITE, PUBLIC_URL, bed, password, sleep, startHub, stopHub, waitFor, writeSite } from '../lib/bed';
import { expectSelector, grantInPage, loginInBrowser, openBrowser, raiseInBrowser, type Browser } from '../lib/browser';
import { FileFollower, freshPausedWorkflows, runDir, schedulerLog, stopWorkflows } from '../lib/cylc';
import { centralAudit, elevate, grantFor, hubServiceJson, submitPassword, type CentralAuditRecord } from '../lib/elevation';
import { graphqlPath, liveClient } from '../lib/graphql';
import { stopServerViaHub } from '../lib/hub-api';
import { HubSession } from '../lib/http-session';
import { E2E_TIMINGS } from './hooks';

const OWNER = 'atmosphere_stage';
const CLOUDS = `~${OWNER}/clouds/run1`;
const EXECUTE_SECONDS = 5;
const HOLD = 'mutation Hold($w: [WorkflowID]!) { hold(workflows: $w, tasks: ["1/climb"]) { result } }';
const SAME_ORIGIN = new URL(PUBLIC_URL).origin;
const AUDIT_VERIFY = join(__dirname, '..', '..', '..', 'packages', 'authz', 'dist', 'src', 'cli', 'audit-verify.js');
/** The workflow layer the LDAP test writes: only atmosphere-ops (an LDAP group) may act on clouds. */
const CLOUDS_POLICY = `/home/${OWNER}/cylc-run/clouds/.isobar/authz.yaml`;

interface Reply {
  readonly status: number;
  readonly body: { errors?: { message: string }[] } & Record<string, unknown>;
}

function messageOf(reply: Reply): string {
  return reply.body.errors?.map((e) => e.message).join('; ') ?? JSON.stringify(reply.body);
}

/** POSTs the hold as a browser page of `origin` would, with the session's cookies; `extra` is merged into the body. */
async function hold(session: HubSession, grant: string | undefined, options: { origin?: string; extra?: object } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: options.origin ?? SAME_ORIGIN };
  if (grant !== undefined) headers['x-isobar-grant'] = grant;
  const reply = await session.json(graphqlPath(OWNER), {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: HOLD, variables: { w: [CLOUDS] }, ...options.extra }),
  });
  return reply as Reply;
}

/** The hold over a live socket: the result, or the error the server sent. */
function holdOverSocket(client: Client, grant: string): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => {
    client.subscribe(
      { query: HOLD, variables: { w: [CLOUDS] }, extensions: { grant } },
      {
        next: () => undefined,
        error: (error) => resolve({ ok: false, error: JSON.stringify(error) }),
        complete: () => resolve({ ok: true }),
      },
    );
  });
}

/** The grant with its level claim changed, signature kept. */
function tampered(grant: string): string {
  const [header, payload, signature] = grant.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['lvl'] = 'write';
  claims['aud'] = `isobar-uiserver:${OWNER}`;
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

/** Waits until the central audit log shows `person` a record that `match` accepts (UI servers send theirs in the background). */
async function audited(session: HubSession, what: string, match: (r: CentralAuditRecord) => boolean): Promise<CentralAuditRecord> {
  return waitFor(`the audit to show ${what}`, async () => (await centralAudit(session)).find(match), 20_000, 250);
}

const deniedHold =
  (detail: RegExp, person = 'jacintar') =>
  (r: CentralAuditRecord): boolean =>
    r.person === person && r.operation === 'hold' && r.result === 'denied' && r.target?.owner === OWNER && detail.test(r.detail ?? '');

async function signedIn(person: string): Promise<HubSession> {
  const session = new HubSession(PUBLIC_URL);
  await session.login(person, password(person));
  return session;
}

function restartHub(): void {
  stopHub();
  startHub(E2E_SITE);
}

describe('elevation ends on time; attacks are refused and audited', function () {
  this.timeout(180_000);
  let jacintar: HubSession;
  let log: FileFollower;

  before(async function () {
    this.timeout(300_000);
    writeSite(E2E_SITE, { ...E2E_TIMINGS, elevationSeconds: EXECUTE_SECONDS, writeElevationSeconds: 900 });
    // A fresh hub-service (no cached roles, no lockouts) and a fresh UI server (no cached roles).
    await stopServerViaHub(OWNER);
    restartHub();
    // Paused: tasks wait at cycle 1, so a hold always has 1/climb to act on.
    freshPausedWorkflows('clouds');
    log = new FileFollower(schedulerLog(OWNER, 'clouds'));
  });

  after(async function () {
    this.timeout(180_000);
    log?.stop();
    rmSync(dirname(CLOUDS_POLICY), { recursive: true, force: true });
    bed('ldap.sh', ['start']);
    writeSite(E2E_SITE, E2E_TIMINGS);
    restartHub();
    stopWorkflows('clouds');
  });

  it('LDAP down: the person gets no more than without groups, the UI says why, the refusal is audited', async () => {
    // clouds' own config: everyone reads; only the LDAP group atmosphere-ops (jacintar's) may act.
    mkdirSync(dirname(CLOUDS_POLICY), { recursive: true, mode: 0o755 });
    writeFileSync(CLOUDS_POLICY, "grants:\n  '*': [READ]\n  'role:atmosphere-ops': [READ, CONTROL]\n", { mode: 0o644 });
    const { uid, gid } = statSync(runDir(OWNER, 'clouds'));
    chownSync(dirname(CLOUDS_POLICY), uid, gid);
    chownSync(CLOUDS_POLICY, uid, gid);
    bed('ldap.sh', ['stop']);
    try {
      await refusedWhileDownAllowedWhenBack();
    } finally {
      bed('ldap.sh', ['start']);
      rmSync(dirname(CLOUDS_POLICY), { recursive: true, force: true });
    }
  });

  /** The body of the LDAP test: refused while slapd is down, allowed once it is back. */
  async function refusedWhileDownAllowedWhenBack(): Promise<void> {
    jacintar = await signedIn('jacintar');
    assert.equal((await jacintar.open(`/user/${OWNER}/`)).status, 200);
    await elevate(jacintar, OWNER, 'write', password('jacintar'));
    const { grant } = await grantFor(jacintar, OWNER);
    const permissions = async () =>
      (
        await jacintar.json(`/user/${OWNER}/api/permissions?workflow=${encodeURIComponent(CLOUDS)}`, {
          headers: { 'x-isobar-grant': grant },
        })
      ).body as { level: string; operations: Record<string, boolean>; roleErrors: string[] };
    const down = await permissions();
    assert.equal(down.level, 'write');
    assert.equal(down.operations['hold'], false, 'nothing the LDAP group gives');
    assert.equal(down.operations['workflows'], true, 'what everyone has stays');
    assert.ok(
      down.roleErrors.some((e) => /ldap/i.test(e)),
      JSON.stringify(down.roleErrors),
    );

    const refused = await hold(jacintar, grant);
    assert.equal(refused.status, 403, messageOf(refused));
    await audited(jacintar, 'the hold refused while LDAP was down', deniedHold(/policy/));

    // The page says why, in the browser.
    const browser: Browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await loginInBrowser(page, 'jacintar');
      await page.goto(`${PUBLIC_URL}/user/${OWNER}/#/workflow/${encodeURIComponent(CLOUDS)}`);
      await expectSelector(page, '[data-role-errors]', 30_000);
      assert.match((await page.textContent('[data-role-errors]')) ?? '', /ldap|LDAP|group/i);
    } finally {
      await browser.close();
    }

    // The directory is back: once the short failure caches pass, the group counts again.
    bed('ldap.sh', ['start']);
    await waitFor('the LDAP group to count again', async () => ((await permissions()).operations['hold'] ? true : undefined), 45_000, 1000);
    const allowed = await hold(jacintar, grant);
    assert.equal(allowed.status, 200, messageOf(allowed));
    await log.waitFor(/\[command\] hold\w* \(issued by jacintar\)/, 20_000);
  }

  it('an open page turns read-only within a second of expiry, without a reload; a late action is refused and audited', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await loginInBrowser(page, 'jacintar');
      await page.goto(`${PUBLIC_URL}/user/${OWNER}/#/workflow/${encodeURIComponent(CLOUDS)}`);
      await expectSelector(page, '[data-level-current][data-level="read"]', 60_000);
      // Another tab, on another owner's UI server: its live socket must not outlive the raise.
      const other = await browser.context.newPage();
      const otherSockets: WebSocket[] = [];
      other.on('websocket', (socket) => {
        if (socket.url().endsWith('/graphql')) otherSockets.push(socket);
      });
      await other.goto(`${PUBLIC_URL}/user/oceans_stage/`);
      await expectSelector(other, '[data-level-current][data-level="read"]', 60_000);
      await waitFor('the other tab to go live', () => (otherSockets.length > 0 ? true : undefined), 20_000);
      const before = otherSockets.length;

      await raiseInBrowser(page, 'jacintar', OWNER, 'execute');
      await expectSelector(page, '[data-elevation-remaining]', 5_000);
      assert.ok(
        otherSockets.slice(0, before).every((socket) => socket.isClosed()),
        "the other server's socket was closed",
      );
      await waitFor(
        'a fresh socket in the other tab',
        () => (otherSockets.slice(before).some((s) => !s.isClosed()) ? true : undefined),
        10_000,
      );
      await expectSelector(other, '[data-level-current][data-level="execute"]', 10_000);
      const { expiresAt } = await page.evaluate(
        async () => (await fetch('/services/isobar/api/elevation')).json() as Promise<{ expiresAt: string }>,
      );
      // The grant the page would act with, kept for a late action.
      const grant = (await grantInPage(page, OWNER)).grant;
      await page.evaluate(() => ((window as unknown as { isobarMarker: number }).isobarMarker = 42));

      const droppedAt = await page.waitForFunction(
        () => (document.querySelector('[data-level-current]')?.getAttribute('data-level') === 'read' ? Date.now() : false),
        undefined,
        { polling: 50, timeout: (EXECUTE_SECONDS + 5) * 1000 },
      );
      const late = ((await droppedAt.jsonValue()) as number) - Date.parse(expiresAt);
      console.log(`      read-only ${late} ms after the elevation's end`);
      assert.ok(late <= 1000, `read-only ${late} ms after expiry`);
      assert.ok(late >= -1000, `read-only ${-late} ms before expiry`);
      assert.equal(
        await page.evaluate(() => (window as unknown as { isobarMarker?: number }).isobarMarker),
        42,
        'the page was not reloaded',
      );
      assert.equal(await page.locator('[data-elevation-remaining]').count(), 0, 'no countdown');
      assert.equal(await page.locator('button[data-action]').count(), 0, 'no action offered');

      // An action sent after the end with the grant the page held: refused and recorded.
      const reply = await page.evaluate(
        async ({ path, query, workflow, grant: held }) => {
          const res = await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-isobar-grant': held },
            body: JSON.stringify({ query, variables: { w: [workflow] } }),
          });
          return { status: res.status, text: await res.text() };
        },
        { path: graphqlPath(OWNER), query: HOLD, workflow: CLOUDS, grant },
      );
      assert.equal(reply.status, 403, reply.text);
      assert.match(reply.text, /expired/);
      const session = await signedIn('jacintar');
      await audited(session, 'the late hold, denied', deniedHold(/expired/));
      await audited(session, 'the expiry', (r) => r.person === 'jacintar' && r.operation === 'expire' && r.level === 'execute');
    } finally {
      await browser.close();
    }
  });

  it('a websocket opened while elevated cannot act once the elevation has ended', async () => {
    const session = await signedIn('jacintar');
    assert.equal((await session.open(`/user/${OWNER}/`)).status, 200);
    await elevate(session, OWNER, 'execute', password('jacintar'));
    const { grant, elevationExpiresAt } = await grantFor(session, OWNER);
    const client = liveClient(session, OWNER);
    try {
      const first = await holdOverSocket(client, grant);
      assert.ok(first.ok, first.error);
      await sleep(Math.max(0, Date.parse(elevationExpiresAt) - Date.now()) + 300);
      const second = await holdOverSocket(client, grant);
      assert.equal(second.ok, false, 'refused');
      assert.match(second.error ?? '', /expired/);
      await audited(session, 'the hold over the old socket, denied', deniedHold(/expired/));
      const more = await hubServiceJson(session, 'api/grants', { audience: OWNER });
      assert.notEqual(more.status, 200, 'no new grant after the end');
    } finally {
      await client.dispose();
    }
  });

  describe('with an elevation to write', () => {
    let grant: string;

    before(async () => {
      jacintar = await signedIn('jacintar');
      assert.equal((await jacintar.open(`/user/${OWNER}/`)).status, 200);
      await elevate(jacintar, OWNER, 'write', password('jacintar'));
      grant = (await grantFor(jacintar, OWNER)).grant;
    });

    it("a grant for another owner's server, replayed here, is refused and audited", async () => {
      const other = (await grantFor(jacintar, 'oceans_stage')).grant;
      const reply = await hold(jacintar, other);
      assert.equal(reply.status, 403, messageOf(reply));
      assert.match(messageOf(reply), /audience/);
      await audited(jacintar, 'the replayed grant', deniedHold(/audience/));
    });

    it('a tampered grant is refused and audited', async () => {
      const forged = tampered((await grantFor(jacintar, 'oceans_stage')).grant);
      const reply = await hold(jacintar, forged);
      assert.equal(reply.status, 403, messageOf(reply));
      await audited(jacintar, 'the tampered grant', deniedHold(/signature/));
    });

    it('a forged auth_user is refused and audited; the scheduler hears only the person signed in', async () => {
      const forged = await hold(jacintar, grant, { extra: { meta: { auth_user: OWNER } } });
      assert.equal(forged.status, 403, messageOf(forged));
      assert.match(messageOf(forged), /auth_user/);
      await audited(jacintar, 'the forged auth_user', deniedHold(/auth_user "atmosphere_stage"/));
      const honest = await hold(jacintar, grant);
      assert.equal(honest.status, 200, messageOf(honest));
      await log.waitFor(/\[command\] hold\w* \(issued by jacintar\)/, 20_000);
      assert.ok(!log.lines.some((l) => /issued by atmosphere_stage/.test(l.text)), 'nothing issued as the owner');
    });

    it("a request from another site's page (CSRF) is refused and audited, at the UI server and the hub-service", async () => {
      const reply = await hold(jacintar, grant, { origin: 'http://evil.example' });
      assert.equal(reply.status, 403, messageOf(reply));
      await audited(jacintar, 'the cross-site hold', deniedHold(/another site \(http:\/\/evil\.example\)/));
      const grants = await jacintar.json('/services/isobar/api/grants', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
        body: JSON.stringify({ audience: OWNER }),
      });
      assert.equal(grants.status, 403, JSON.stringify(grants.body));
      // The password form posted from another site: refused before the password is looked at.
      const form = await jacintar.get(`/services/isobar/elevate?level=execute&next=${encodeURIComponent(`/user/${OWNER}/`)}`);
      const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const post = await jacintar.request('/services/isobar/elevate', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
        body: new URLSearchParams({ csrf, level: 'execute', next: `/user/${OWNER}/`, password: password('jacintar') }),
      });
      assert.equal(post.status, 403);
      await audited(
        jacintar,
        'the cross-site elevation',
        (r) => r.person === 'jacintar' && r.operation === 'raise' && r.result === 'denied' && /not from this site/.test(r.detail ?? ''),
      );
    });
  });

  it("an admin's revocation reaches the open page and the UI server within seconds; others may not revoke", async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await loginInBrowser(page, 'jacintar');
      await page.goto(`${PUBLIC_URL}/user/${OWNER}/#/workflow/${encodeURIComponent(CLOUDS)}`);
      await expectSelector(page, '[data-level-current][data-level="read"]', 60_000);
      await raiseInBrowser(page, 'jacintar', OWNER, 'write');
      const held = await grantInPage(page, OWNER);

      const bob = await signedIn('bob');
      await centralAudit(bob); // signs him in to the hub-service
      const refused = await hubServiceJson(bob, 'api/revoke', { person: 'jacintar' });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));

      const alice = await signedIn('alice');
      await centralAudit(alice); // signs her in to the hub-service
      const revokedAt = Date.now();
      const revoke = await hubServiceJson(alice, 'api/revoke', { person: 'jacintar' });
      assert.equal(revoke.status, 200, JSON.stringify(revoke.body));

      // The page asks for its level every few seconds: read-only again without anyone touching it.
      await expectSelector(page, '[data-level-current][data-level="read"]', 10_000);
      const pageMs = Date.now() - revokedAt;
      console.log(`      the page was read-only ${pageMs} ms after the revocation`);
      // No new grant; the last one lapses within its short life, after which the UI server refuses it.
      const more = await hubServiceJson(jacintar, 'api/grants', { audience: OWNER });
      assert.notEqual(more.status, 200);
      await sleep(Math.max(0, Date.parse(held.expiresAt) - Date.now()) + 200);
      const session = await signedIn('jacintar');
      assert.equal((await session.open(`/user/${OWNER}/`)).status, 200);
      const late = await hold(session, held.grant);
      assert.equal(late.status, 403, messageOf(late));
      console.log(`      the UI server refused the last grant ${Date.now() - revokedAt} ms after the revocation`);
      await audited(
        alice,
        "jacintar's revocation",
        (r) => r.person === 'jacintar' && r.operation === 'revoke' && /by alice/.test(r.detail ?? ''),
      );
    } finally {
      await browser.close();
    }
  });

  it('a password guesser is locked out, also with the right password, and it is audited', async () => {
    // bob's session, guessing from another address (127.0.0.5): the lockout is per person and per address.
    const guesser = await signedIn('bob');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await submitPassword(guesser, 'bob', 'execute', `wrong-${attempt}`, '127.0.0.5')).status);
    }
    assert.deepEqual(statuses.slice(0, 4), [403, 403, 403, 403], statuses.join(' '));
    assert.equal(statuses.at(-1), 429, statuses.join(' '));
    const right = await submitPassword(guesser, 'bob', 'execute', password('bob'), '127.0.0.5');
    assert.equal(right.status, 429, 'locked out, even with the right password');
    // bob himself, from his usual address: his account is locked too.
    const bob = await signedIn('bob');
    assert.equal((await submitPassword(bob, 'bob', 'execute', password('bob'))).status, 429);
    // Someone else from the usual address is not affected.
    const other = await signedIn('alice');
    assert.equal((await submitPassword(other, 'alice', 'execute', password('alice'))).status, 303);

    const records = await waitFor(
      'the lockout in the audit',
      async () => {
        const all = await centralAudit(bob);
        // The central log keeps a lockout as one more refused raise, saying why.
        return all.some(
          (r) => r.operation === 'raise' && r.result === 'denied' && /locked out: too many wrong passwords/.test(r.detail ?? ''),
        )
          ? all
          : undefined;
      },
      10_000,
    );
    const wrong = records.filter((r) => r.operation === 'raise' && /wrong password/.test(r.detail ?? ''));
    assert.ok(wrong.length >= 5, `${wrong.length} wrong passwords recorded`);
  });
  describe('afterwards', () => {
    it("the owner's audit chain verifies, and a record changed afterwards is named", () => {
      const chain = `/home/${OWNER}/.isobar/audit/${OWNER}.log`;
      const verify = (file: string) => spawnSync(process.execPath, [AUDIT_VERIFY, file], { encoding: 'utf8' });
      const intact = verify(chain);
      assert.equal(intact.status, 0, intact.stdout + intact.stderr);
      assert.match(intact.stdout, /ok: \d+ records/);
      // Someone rewrites a refusal as a success in a copy of the log: the chain breaks at that line.
      const lines = readFileSync(chain, 'utf8').split('\n');
      const at = lines.findIndex((line) => line.includes('"result":"denied"'));
      assert.ok(at >= 0, 'a denied record to change');
      const copy = join(mkdtempSync(join(tmpdir(), 'isobar-audit-')), 'changed.log');
      writeFileSync(
        copy,
        lines.map((line, index) => (index === at ? line.replace('"result":"denied"', '"result":"ok"') : line)).join('\n'),
      );
      const changed = verify(copy);
      assert.equal(changed.status, 1, changed.stdout + changed.stderr);
      assert.match(changed.stdout + changed.stderr, new RegExp(`changed\\.log:${at + 1}: `));
      rmSync(dirname(copy), { recursive: true, force: true });
    });
  });
});
