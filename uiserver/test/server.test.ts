import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Browser, sleep } from './helpers/browser';
import { launch, launchDocument, type Launched } from './helpers/child';
import { ALICE, FakeHub } from './helpers/fake-hub';

/** Sign in through the whole code flow, as a browser would. */
async function signIn(browser: Browser, path = '/user/alice/'): Promise<Response> {
  const { response } = await browser.follow(path);
  return response;
}

describe('uiserver against a fake hub', () => {
  let hub: FakeHub;
  let server: Launched;
  const browser = (): Browser => new Browser(server.origin, hub.origin);

  before(async () => {
    hub = await new FakeHub().start();
    server = await launch(launchDocument(hub, { hubVersion: '3.0.0', activityIntervalSeconds: 1 }));
  });

  after(async () => {
    await server.kill();
    await hub.stop();
  });

  beforeEach(() => {
    hub.loginAs = ALICE;
  });

  it('writes exactly one listening line (with its pid and start time) to stdout and ends stdout', async () => {
    assert.match(server.listeningLine, /^\{"event":"listening","ip":"127\.0\.0\.1","port":\d+,"pid":\d+,"startTime":\d+\}\n$/);
    assert.equal(await server.stdout, server.listeningLine);
  });

  it('sends a page request without a session to the hub, with a state cookie', async () => {
    const response = await browser().request('/user/alice/?view=tree');
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '', 'http://proxy');
    assert.equal(location.pathname, '/hub/api/oauth2/authorize');
    assert.equal(location.searchParams.get('client_id'), 'jupyterhub-user-alice');
    assert.equal(location.searchParams.get('redirect_uri'), '/user/alice/oauth_callback');
    assert.equal(location.searchParams.get('response_type'), 'code');
    assert.match(location.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32}$/);
    const [cookie] = response.headers.getSetCookie();
    assert.match(cookie ?? '', /^isobar-oauth-state-[A-Za-z0-9_-]{12}=/);
    assert.match(cookie ?? '', /; Path=\/user\/alice\/oauth_callback; HttpOnly; SameSite=Lax; Max-Age=600/);
  });

  it('signs the owner in through the code flow and returns to the requested page', async () => {
    const b = browser();
    const { response, path, hops } = await b.follow('/user/alice/?view=tree');
    assert.equal(response.status, 200);
    assert.equal(path, '/user/alice/?view=tree');
    assert.equal(hops.length, 4, hops.join(' → '));
    const html = await response.text();
    assert.match(html, /id="visitor">alice</);
    assert.match(html, /id="owner">alice</);
    assert.match(html, /id="connection"[^>]*>connecting</);
    // Nothing from elsewhere: the only files the page loads are the web UI's own, below the prefix.
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) assert.match(url ?? '', /^\/user\/alice\/static\/app\.(js|css)$/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'nonce-/);
    const exchange = hub.tokenRequests.at(-1);
    assert.deepEqual(exchange && { ...exchange, code: 'x' }, {
      client_id: 'jupyterhub-user-alice',
      client_secret: hub.apiToken,
      grant_type: 'authorization_code',
      code: 'x',
      redirect_uri: '/user/alice/oauth_callback',
    });
    assert.ok(b.cookie('isobar-session'));
    const whoami = await b.request('/user/alice/api/whoami');
    assert.deepEqual(await whoami.json(), { visitor: 'alice', owner: 'alice', groups: ['owners'] });
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, scoped to the prefix', async () => {
    const b = browser();
    const start = await b.request('/user/alice/');
    const authorize = await fetch(hub.origin + (start.headers.get('location') ?? ''), { redirect: 'manual' });
    const callback = await b.request(authorize.headers.get('location') ?? '');
    assert.equal(callback.status, 302);
    assert.equal(callback.headers.get('location'), '/user/alice/');
    const setCookies = callback.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('isobar-session='));
    assert.match(session ?? '', /^isobar-session=[A-Za-z0-9_-]{43}; Path=\/user\/alice\/; HttpOnly; SameSite=Lax$/);
    assert.ok(
      setCookies.some((c) => /^isobar-oauth-state-.*Max-Age=0/.test(c)),
      'state cookie cleared',
    );
  });

  it('marks cookies Secure when the proxy says the browser used HTTPS', async () => {
    const response = await fetch(`${server.origin}/user/alice/`, { redirect: 'manual', headers: { 'X-Forwarded-Proto': 'https' } });
    assert.match(response.headers.getSetCookie()[0] ?? '', /; Secure$/);
  });

  it('lets in another user who holds access:servers!user=alice', async () => {
    hub.loginAs = { name: 'jacintar', groups: ['ops'], scopes: ['access:servers!user=alice'] };
    const b = browser();
    const response = await signIn(b);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /id="visitor">jacintar</);
    const whoami = await b.request('/user/alice/api/whoami');
    assert.deepEqual(await whoami.json(), { visitor: 'jacintar', owner: 'alice', groups: ['ops'] });
  });

  it('refuses a visitor without the access scope with a clear 403 page and no session', async () => {
    hub.loginAs = { name: 'mallory', groups: [], scopes: ['access:servers!user=bob', 'read:users:name!user=mallory'] };
    const b = browser();
    const response = await signIn(b);
    assert.equal(response.status, 403);
    const html = await response.text();
    assert.match(html, /mallory/);
    assert.match(html, /may not open alice&#39;s server/);
    assert.equal(b.cookie('isobar-session'), undefined);
    assert.equal((await b.request('/user/alice/api/whoami')).status, 401);
  });

  it('refuses a callback whose state does not match (400)', async () => {
    const b = browser();
    const start = await b.request('/user/alice/');
    const authorize = await fetch(hub.origin + (start.headers.get('location') ?? ''), { redirect: 'manual' });
    const callback = new URL(authorize.headers.get('location') ?? '', 'http://proxy');
    const state = callback.searchParams.get('state') ?? '';
    callback.searchParams.set('state', `${state.slice(0, 12)}${'A'.repeat(20)}`);
    const forged = await b.request(callback.pathname + callback.search);
    assert.equal(forged.status, 400);
    assert.equal(b.cookie('isobar-session'), undefined);
    const tokenRequests = hub.tokenRequests.length;
    // The genuine state still works, but not from a browser that never started the login.
    const stranger = browser();
    callback.searchParams.set('state', state);
    assert.equal((await stranger.request(callback.pathname + callback.search)).status, 400);
    assert.equal(hub.tokenRequests.length, tokenRequests, 'no code exchanged for refused callbacks');
  });

  it('answers a callback without code or state with 400', async () => {
    assert.equal((await browser().request('/user/alice/oauth_callback')).status, 400);
    assert.equal((await browser().request('/user/alice/oauth_callback?error=access_denied&state=x')).status, 400);
  });

  it('answers API calls without a session with 401 JSON, never a redirect', async () => {
    for (const path of ['/user/alice/api/whoami', '/user/alice/api/status', '/user/alice/api/nothing', '/user/alice/api']) {
      const response = await browser().request(path);
      assert.equal(response.status, 401, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(await response.json(), { status: 401, code: 'NOT_AUTHENTICATED', message: 'Sign in through the hub first.' });
    }
    const post = await browser().request('/user/alice/', { method: 'POST' });
    assert.equal(post.status, 401);
  });

  it('sends X-JupyterHub-Version on every response', async () => {
    const b = browser();
    const answers = [
      await b.request('/user/alice/'),
      await b.request('/user/alice/api/status'),
      await b.request('/elsewhere'),
      await b.request('/user/alice/oauth_callback'),
    ];
    await signIn(b);
    answers.push(await b.request('/user/alice/'), await b.request('/user/alice/api/whoami'), await b.request('/user/alice/nope'));
    for (const response of answers) assert.equal(response.headers.get('x-jupyterhub-version'), '3.0.0', response.url);
    const socket = browser().openSocket('/user/alice/api/ws');
    assert.equal(await socket.refused, 401);
  });

  it('answers unknown paths with 404 JSON', async () => {
    const b = browser();
    await signIn(b);
    for (const path of ['/user/alice/nope', '/user/alice/api/nope', '/', '/user/bob/', '/user/alicex/']) {
      const response = await b.request(path);
      assert.equal(response.status, 404, path);
      assert.equal(((await response.json()) as { code: string }).code, 'NOT_FOUND');
    }
    const wrongMethod = await b.request('/user/alice/api/status', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
  });

  it('redirects the prefix without its slash', async () => {
    const response = await browser().request('/user/alice?x=1');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), '/user/alice/?x=1');
  });

  it('reports its status', async () => {
    const b = browser();
    await signIn(b);
    const status = (await (await b.request('/user/alice/api/status')).json()) as Record<string, unknown>;
    assert.equal(status['owner'], 'alice');
    assert.equal(status['pid'], server.child.pid);
    assert.equal(status['uid'], process.getuid?.());
    assert.equal(status['idleTimeoutSeconds'], 600);
    assert.equal(typeof status['uptimeSeconds'], 'number');
    assert.equal(typeof status['openPages'], 'number');
    assert.ok(Math.abs(Date.parse(String(status['lastActivity'])) - Date.now()) < 5_000);
  });

  it('restarts the login when the session cookie is unknown', async () => {
    const b = browser();
    const response = await b.request('/user/alice/', { headers: { Cookie: 'isobar-session=forged' } });
    assert.equal(response.status, 302);
    assert.ok(
      response.headers.getSetCookie().some((c) => /^isobar-session=; .*Max-Age=0/.test(c)),
      'clears the stale cookie',
    );
  });

  describe('page websocket', () => {
    it('says hello, answers keepalives and counts open pages', async () => {
      hub.loginAs = { name: 'jacintar', groups: ['ops'], scopes: ['access:servers!user=alice'] };
      const b = browser();
      await signIn(b);
      const socket = b.openSocket('/user/alice/api/ws');
      await socket.opened;
      const hello = await socket.next();
      assert.match(String(hello.serverTime), /^\d{4}-\d\d-\d\dT/);
      assert.deepEqual({ ...hello, serverTime: undefined }, { type: 'hello', visitor: 'jacintar', owner: 'alice', serverTime: undefined });
      socket.send({ type: 'keepalive' });
      const alive = await socket.next();
      assert.equal(alive.type, 'alive');
      assert.ok(Math.abs(Date.parse(String(alive['serverTime'])) - Date.now()) < 5_000);
      socket.send({ type: 'dance' });
      assert.equal((await socket.next()).type, 'error');
      const status = (await (await b.request('/user/alice/api/status')).json()) as { openPages: number };
      assert.ok(status.openPages >= 1);
      socket.ws.close();
      await socket.closed;
    });

    it('refuses a websocket without a session (401) or from another site (403)', async () => {
      assert.equal(await browser().openSocket('/user/alice/api/ws').refused, 401);
      const b = browser();
      await signIn(b);
      assert.equal(await b.openSocket('/user/alice/api/ws', { Origin: 'https://evil.example' }).refused, 403);
      const sameSite = b.openSocket('/user/alice/api/ws', { Origin: server.origin });
      await sameSite.opened;
      sameSite.ws.close();
      assert.equal(await b.openSocket('/user/alice/api/other').refused, 404);
    });

    it('closes a page sending oversized messages (1009) or floods (1008), and keeps serving others', async () => {
      const b = browser();
      await signIn(b);
      const good = b.openSocket('/user/alice/api/ws');
      const big = b.openSocket('/user/alice/api/ws');
      const flood = b.openSocket('/user/alice/api/ws');
      await Promise.all([good.opened, big.opened, flood.opened]);
      big.send('x'.repeat(5000));
      assert.equal((await big.closed).code, 1009);
      for (let i = 0; i < 200; i++) if (flood.ws.readyState === flood.ws.OPEN) flood.send({ type: 'keepalive' });
      assert.equal((await flood.closed).code, 1008);
      await good.next();
      good.send({ type: 'keepalive' });
      assert.equal((await good.next()).type, 'alive');
      assert.equal((await b.request('/user/alice/api/whoami')).status, 200);
      good.ws.close();
      await good.closed;
    });
  });

  it('refuses an oversized body with 413 while another client is still served', async () => {
    const b = browser();
    await signIn(b);
    const other = browser();
    await signIn(other);
    // A slow upload that never finishes must not hold anyone else up.
    const slow = httpRequest(`${server.origin}/user/alice/api/whoami`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    slow.on('error', () => undefined);
    slow.write('{"a":');
    const big = b.request('/user/alice/api/whoami', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(200 * 1024),
    });
    const served = other.request('/user/alice/api/whoami');
    const [bigResponse, servedResponse] = await Promise.all([big, served]);
    assert.equal(bigResponse.status, 413);
    assert.equal(((await bigResponse.json()) as { code: string }).code, 'BODY_TOO_LARGE');
    assert.equal(servedResponse.status, 200);
    assert.equal(((await servedResponse.json()) as { visitor: string }).visitor, 'alice');
    // A chunked body that grows past the limit is refused too.
    const chunked = httpRequest(`${server.origin}/user/alice/api/whoami`, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } });
    chunked.on('error', () => undefined);
    const refused = new Promise<number>((resolve) => chunked.on('response', (res) => resolve(res.statusCode ?? 0)));
    for (let i = 0; i < 10; i++) chunked.write('y'.repeat(8 * 1024));
    assert.equal(await refused, 413);
    chunked.destroy();
    slow.destroy();
  });

  it('reports activity to the hub with its own token', async () => {
    const deadline = Date.now() + 5_000;
    while (hub.activity.length === 0 && Date.now() < deadline) await sleep(100);
    const post = hub.activity[0];
    assert.ok(post, 'an activity report arrived');
    assert.equal(post.authorization, `token ${hub.apiToken}`);
    const body = post.body as { last_activity: string; servers: Record<string, { last_activity: string }> };
    assert.ok(!Number.isNaN(Date.parse(body.last_activity)));
    assert.deepEqual(body.servers, { '': { last_activity: body.last_activity } });
  });
});

describe('uiserver hub version', () => {
  let hub: FakeHub;
  before(async () => {
    hub = await new FakeHub().start();
  });
  after(() => hub.stop());

  it('asks the hub for its version when the launch document has none', async () => {
    const server = await launch(launchDocument(hub));
    try {
      const response = await fetch(`${server.origin}/user/alice/`, { redirect: 'manual' });
      assert.equal(response.headers.get('x-jupyterhub-version'), '4.1.5');
    } finally {
      await server.kill();
    }
  });

  it('starts without the header when the hub cannot be asked', async () => {
    const server = await launch(launchDocument(hub, {}, { JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api' }));
    try {
      const response = await fetch(`${server.origin}/user/alice/`, { redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('x-jupyterhub-version'), null);
    } finally {
      await server.kill();
    }
  });
});
