/** The same path in a real Chromium: the hub's login form, then the UI server's page with a live websocket. */
import assert from 'node:assert/strict';
import { PUBLIC_URL } from '../lib/bed';
import { expectSelector, loginInBrowser, openBrowser } from '../lib/browser';
import type { Browser } from '../lib/browser';
import { uiServers, uidOf } from '../lib/processes';

describe('in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  before(async () => {
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('bob logs in through the form and lands on his UI server, which names him and goes live', async () => {
    const page = await browser.context.newPage();
    await loginInBrowser(page, 'bob');
    await page.goto(`${PUBLIC_URL}/user/bob/`);
    await expectSelector(page, '#visitor', 60_000);
    assert.equal((await page.textContent('#visitor'))?.trim(), 'bob');
    assert.equal((await page.textContent('#owner'))?.trim(), 'bob');
    await page.waitForFunction(() => document.querySelector('#connection')?.textContent?.trim() === 'live', undefined, { timeout: 15_000 });
    const servers = uiServers('bob');
    assert.equal(servers.length, 1);
    assert.equal(servers[0]!.uid, uidOf('bob'));
    await page.close();
  });

  it("jacintar visits oceans_stage's server: the page shows visitor jacintar, owner oceans_stage", async () => {
    const page = await browser.context.newPage();
    await loginInBrowser(page, 'jacintar');
    await page.goto(`${PUBLIC_URL}/user/oceans_stage/`);
    await expectSelector(page, '#owner', 60_000);
    assert.equal((await page.textContent('#visitor'))?.trim(), 'jacintar');
    assert.equal((await page.textContent('#owner'))?.trim(), 'oceans_stage');
    assert.equal(uiServers('oceans_stage')[0]?.uid, uidOf('oceans_stage'));
    await page.close();
  });
});
