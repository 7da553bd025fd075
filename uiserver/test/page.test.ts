import assert from 'node:assert/strict';
import { renderMessagePage, renderPage } from '../src/page';
import { PAGE_SCRIPT } from '../src/page-script';

describe('page', () => {
  const model = { visitor: 'jacintar', owner: 'atmosphere_stage', prefix: '/user/atmosphere_stage/', keepaliveSeconds: 30, nonce: 'n0nce' };

  it('has the element ids the web UI and tests rely on', () => {
    const html = renderPage(model);
    assert.match(html, /id="visitor">jacintar</);
    assert.match(html, /id="owner">atmosphere_stage</);
    assert.match(html, /id="connection"[^>]*>connecting</);
    assert.match(html, /<script nonce="n0nce">/);
    assert.match(html, /<style nonce="n0nce">/);
    assert.match(html, /"wsPath":"\/user\/atmosphere_stage\/api\/ws"/);
  });

  it('loads the web UI when it is built, and tells it who may act', () => {
    const html = renderPage({ ...model, app: true, canAct: true });
    assert.match(html, /<script type="module" src="\/user\/atmosphere_stage\/static\/app\.js" nonce="n0nce">/);
    assert.match(html, /<link rel="stylesheet" href="\/user\/atmosphere_stage\/static\/app\.css" nonce="n0nce">/);
    assert.match(html, /<main id="app">/);
    assert.match(html, /"canAct":true/);
    assert.match(html, /"graphqlPath":"\/user\/atmosphere_stage\/graphql"/);
    assert.doesNotMatch(renderPage(model), /app\.js/, 'no bundle, no script tag');
  });

  it('kiosk mode: dark, large, and never offers actions', () => {
    const html = renderPage({ ...model, app: true, canAct: true, kiosk: true });
    assert.match(html, /<html lang="en" class="kiosk">/);
    assert.match(html, /"kiosk":true/);
    assert.match(html, /"canAct":false/);
  });

  it('escapes names and cannot be broken out of by the config', () => {
    const html = renderPage({ ...model, visitor: '<img src=x onerror=alert(1)>', prefix: '/user/a</script><script>alert(1)//' });
    assert.doesNotMatch(html, /<img src=x/);
    assert.equal(html.split('</script>').length - 1, 2, 'only the two real script ends');
    const message = renderMessagePage('No access', 'bob"><script>', 'n', { href: 'javascript:"', text: '<b>' });
    assert.doesNotMatch(message, /bob"><script>/);
    assert.doesNotMatch(message, /<b>/);
  });

  it('ships a script that parses, without template holes or external fetches', () => {
    assert.doesNotThrow(() => new Function(PAGE_SCRIPT));
    assert.doesNotMatch(PAGE_SCRIPT, /https?:\/\//);
    for (const state of ['live', 'connecting', 'reconnecting', 'server restarting']) assert.ok(PAGE_SCRIPT.includes(`'${state}'`), state);
  });
});
