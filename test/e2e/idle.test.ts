/** Idle shutdown with nobody looking, respawn on the next visit, and a page that keeps its server alive. */
import assert from 'node:assert/strict';
import { PUBLIC_URL, password, sleep, waitFor } from '../lib/bed';
import { loginInBrowser, openBrowser } from '../lib/browser';
import { personalToken, hubServer } from '../lib/hub-api';
import { HubSession } from '../lib/http-session';
import { uiServers } from '../lib/processes';
import { E2E_TIMINGS } from './hooks';

const IDLE_MS = E2E_TIMINGS.idleTimeout * 1000;

describe('idle shutdown and respawn', function () {
  this.timeout(180_000);

  it('with no page open the server exits after the idle time, the hub shows it stopped, and a visit respawns it', async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('alice', password('alice'));
    assert.equal((await session.open('/user/alice/')).status, 200);
    const lastRequest = Date.now();
    const [server] = uiServers('alice');
    assert.ok(server, 'alice has a server');
    await waitFor("alice's server to exit", () => (uiServers('alice').length === 0 ? true : undefined), IDLE_MS + 20_000);
    const idleFor = Date.now() - lastRequest;
    assert.ok(idleFor >= IDLE_MS - 1000, `exited after ${idleFor} ms, not before the idle time`);

    const token = await personalToken('alice');
    await waitFor(
      "the hub to show alice's server stopped",
      async () => ((await hubServer(token, 'alice')) === undefined ? true : undefined),
      E2E_TIMINGS.pollInterval * 1000 + 15_000,
    );

    const again = await session.open('/user/alice/');
    assert.equal(again.status, 200);
    const [respawned] = uiServers('alice');
    assert.ok(respawned && respawned.pid !== server.pid, 'a new server was spawned');
  });

  it('an open page (keep-alives over its websocket) keeps the server up well past the idle time; closing it starts the clock', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await loginInBrowser(page, 'jacintar');
      await page.goto(`${PUBLIC_URL}/user/atmosphere_stage/`);
      await page.waitForFunction(() => document.querySelector('#connection')?.textContent?.trim() === 'live', undefined, {
        timeout: 60_000,
      });
      const [server] = uiServers('atmosphere_stage');
      assert.ok(server);
      await sleep(3 * IDLE_MS);
      assert.deepEqual(
        uiServers('atmosphere_stage').map((p) => p.pid),
        [server.pid],
        'still the same server after three idle times',
      );
      assert.equal((await page.textContent('#connection'))?.trim(), 'live');
      await page.close();
      const closedAt = Date.now();
      await waitFor(
        'the server to exit once the page is closed',
        () => (uiServers('atmosphere_stage').length === 0 ? true : undefined),
        IDLE_MS + 20_000,
      );
      assert.ok(Date.now() - closedAt >= IDLE_MS - 1000, 'it waited for the idle time after the page closed');
    } finally {
      await browser.close();
    }
  });
});
