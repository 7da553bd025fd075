import assert from 'node:assert/strict';
import { Browser } from './helpers/browser';
import { ELEVATE_EXECUTE, JACINTAR, Site } from './helpers/site';

describe('signing in to the service through the hub (OAuth)', () => {
  let site: Site;

  before(async () => {
    site = await new Site().start();
  });

  after(async () => {
    await site.stop();
  });

  it('sends a browser without a session to the hub with a Lax state cookie on the callback path', async () => {
    const response = await new Browser(site.origin).request(ELEVATE_EXECUTE);
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '', site.origin);
    assert.equal(location.pathname, '/hub/api/oauth2/authorize');
    assert.equal(location.searchParams.get('client_id'), 'service-isobar');
    assert.equal(location.searchParams.get('redirect_uri'), '/services/isobar/oauth_callback');
    assert.equal(location.searchParams.get('response_type'), 'code');
    assert.match(location.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32}$/);
    assert.match(
      response.headers.getSetCookie()[0] ?? '',
      /^isobar-service-state-[A-Za-z0-9_-]{12}=.*; Path=\/services\/isobar\/oauth_callback; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
  });

  it('signs in, sets a Strict session cookie scoped to the service, and shows the password form', async () => {
    site.hub.loginAs = JACINTAR.name;
    const browser = new Browser(site.origin);
    const { response, path, html, hops } = await browser.follow(ELEVATE_EXECUTE);
    assert.equal(response.status, 200, hops.join(' → '));
    assert.equal(path, ELEVATE_EXECUTE);
    const session = browser.cookie('isobar-service-session');
    assert.match(session?.value ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(session?.path, '/services/isobar/');
    assert.equal(session?.attributes, 'Path=/services/isobar/; HttpOnly; SameSite=Strict');
    assert.match(html, /id="person">jacintar</);
    assert.match(html, /<input type="password" id="password" name="password" autocomplete="current-password"/);
    assert.match(html, /name="next" value="\/user\/alice\/"/);
    // Server-rendered, nothing from elsewhere, no script at all.
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, /(src|href)="https?:/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    assert.ok(html.includes(`<style nonce="${nonce}">`));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('refuses a callback whose state was not started in this browser', async () => {
    const response = await new Browser(site.origin).request(
      '/services/isobar/oauth_callback?code=abc&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    assert.equal(response.status, 400);
    assert.match(await response.text(), /not started from this browser/);
  });

  it('refuses a person whose token lacks the service access scope', async () => {
    site.hub.add({ name: 'outsider', password: 'x', scopes: ['read:users:name!user=outsider'] });
    site.hub.loginAs = 'outsider';
    const browser = new Browser(site.origin);
    const { response, html } = await browser.follow(ELEVATE_EXECUTE);
    assert.equal(response.status, 403);
    assert.match(html, /may not use this service/);
    assert.equal(browser.cookie('isobar-service-session'), undefined);
  });

  it('ends the session when the hub login it was made under changes', async () => {
    site.hub.loginAs = JACINTAR.name;
    const browser = new Browser(site.origin);
    browser.setCookie('jupyterhub-session-id', 'hub-login-1');
    await browser.follow(ELEVATE_EXECUTE);
    assert.equal((await browser.request('/services/isobar/api/elevation')).status, 200);
    browser.setCookie('jupyterhub-session-id', 'hub-login-2');
    assert.equal((await browser.request('/services/isobar/api/elevation')).status, 401);
  });

  it('answers API calls without a session with 401 JSON, not a redirect', async () => {
    const response = await new Browser(site.origin).request('/services/isobar/api/elevation');
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { status: 401, code: 'NOT_AUTHENTICATED', message: 'Sign in through the hub first.' });
  });
});
