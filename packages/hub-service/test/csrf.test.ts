import assert from 'node:assert/strict';
import { csrfOf } from './helpers/browser';
import { JACINTAR, Site } from './helpers/site';

const ELEVATE = '/services/isobar/elevate';

describe('cross-site request forgery', () => {
  let site: Site;

  beforeEach(async () => {
    site = await new Site().start();
  });

  afterEach(async () => {
    await site.stop();
  });

  const form = (csrf: string) => ({ csrf, level: 'execute', next: '/user/alice/', password: JACINTAR.password });

  it('refuses the password form without its CSRF token, records it, and never asks the hub', async () => {
    const { browser } = await site.signedIn(JACINTAR.name);
    const response = await browser.postForm(ELEVATE, { level: 'execute', next: '/user/alice/', password: JACINTAR.password });
    assert.equal(response.status, 403);
    assert.equal(site.hub.creations.length, 0);
    assert.equal(site.auditOf('raise')[0]?.reason, 'request not from this site');
  });

  it('refuses the password form with another session’s token', async () => {
    const { browser } = await site.signedIn(JACINTAR.name);
    const other = await site.signedIn(JACINTAR.name);
    assert.equal((await browser.postForm(ELEVATE, form(csrfOf(other.html)))).status, 403);
  });

  it('refuses the password form from a foreign origin, or with no Origin at all, even with the token', async () => {
    const { browser, html } = await site.signedIn(JACINTAR.name);
    assert.equal((await browser.postForm(ELEVATE, form(csrfOf(html)), { Origin: 'https://evil.example' })).status, 403);
    assert.equal((await browser.postForm(ELEVATE, form(csrfOf(html)), { Origin: 'null' })).status, 403);
    const noOrigin = await browser.request(ELEVATE, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form(csrfOf(html))).toString(),
    });
    assert.equal(noOrigin.status, 403);
    assert.equal((await browser.postForm(ELEVATE, form(csrfOf(html)), { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    assert.equal(site.hub.creations.length, 0);
  });

  describe('API calls', () => {
    async function elevated() {
      const signed = await site.signedIn(JACINTAR.name);
      await signed.browser.postForm(ELEVATE, form(csrfOf(signed.html)));
      return signed;
    }

    it('accept the CSRF header, or a same-origin JSON fetch (UI server pages)', async () => {
      const { browser, html } = await elevated();
      const withHeader = await browser.request('/services/isobar/api/grants', {
        method: 'POST',
        headers: { Origin: site.origin, 'X-Isobar-CSRF': csrfOf(html), 'Content-Type': 'application/json' },
        body: JSON.stringify({ audience: 'alice' }),
      });
      assert.equal(withHeader.status, 200);
      assert.equal((await browser.postJson('/services/isobar/api/grants', { audience: 'alice' })).status, 200);
    });

    it('refuse a foreign Origin, a missing Origin, and cross-site fetch metadata', async () => {
      const { browser, html } = await elevated();
      const variants: Record<string, string>[] = [
        { Origin: 'https://evil.example' },
        { Origin: 'http://127.0.0.1:1' },
        { 'Sec-Fetch-Site': 'cross-site' },
        { 'Sec-Fetch-Site': 'same-site' },
      ];
      for (const headers of variants) {
        const response = await browser.postJson(
          '/services/isobar/api/grants',
          { audience: 'alice' },
          { 'X-Isobar-CSRF': csrfOf(html), ...headers },
        );
        assert.equal(response.status, 403, JSON.stringify(headers));
        assert.equal(((await response.json()) as { code: string }).code, 'FOREIGN_ORIGIN');
      }
      const noOrigin = await browser.request('/services/isobar/api/drop', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(noOrigin.status, 403);
      assert.equal(((await (await browser.request('/services/isobar/api/elevation')).json()) as { level: string }).level, 'execute');
    });

    it('refuse a simple (form-encoded or text) POST without the token: what another page could send without a preflight', async () => {
      const { browser } = await elevated();
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const response = await browser.request('/services/isobar/api/drop', {
          method: 'POST',
          headers: { Origin: site.origin, 'Content-Type': type },
          body: 'a=b',
        });
        assert.equal(response.status, 403, type);
        assert.equal(((await response.json()) as { code: string }).code, 'CSRF');
      }
      assert.equal(site.auditOf('drop').length, 0);
    });
  });
});
