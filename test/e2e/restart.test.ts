/** The hub's poll notices a killed server; a restarted daemon or hub finds running servers again. */
import assert from 'node:assert/strict';
import { PUBLIC_URL, bed, password, waitFor } from '../lib/bed';
import { hubApi, hubServer, personalToken } from '../lib/hub-api';
import { HubSession } from '../lib/http-session';
import { holdOpen } from '../lib/keepalive';
import { processes, uiServers } from '../lib/processes';
import { E2E_SITE } from '../lib/bed';
import { E2E_TIMINGS } from './hooks';

function daemonPids(): number[] {
  return processes()
    .filter((p) => p.argv.some((a) => a.endsWith('spawner-ssh/dist/src/daemon/main.js')))
    .map((p) => p.pid);
}

describe('poll, and restarts of the daemon and the hub', function () {
  this.timeout(180_000);

  it("killing a UI server: the hub's poll notices and shows it stopped", async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('bob', password('bob'));
    assert.equal((await session.open('/user/bob/')).status, 200);
    const token = await personalToken('bob');
    assert.equal((await hubServer(token, 'bob'))?.ready, true);
    const [server] = uiServers('bob');
    assert.ok(server);
    process.kill(server.pid, 'SIGKILL');
    await waitFor(
      'the hub to notice',
      async () => ((await hubServer(token, 'bob')) === undefined ? true : undefined),
      E2E_TIMINGS.pollInterval * 1000 + 15_000,
    );
  });

  it('restarting the spawner daemon: the running server is found again and can still be stopped', async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('alice', password('alice'));
    assert.equal((await session.open('/user/alice/')).status, 200);
    const release = await holdOpen(session, 'alice');
    try {
      const [server] = uiServers('alice');
      assert.ok(server);
      const [oldDaemon] = daemonPids();
      assert.ok(oldDaemon);
      process.kill(oldDaemon, 'SIGKILL');
      const newDaemon = await waitFor('the hub to restart its daemon', () => daemonPids().find((p) => p !== oldDaemon), 30_000);
      assert.notEqual(newDaemon, oldDaemon);
      const token = await personalToken('alice');
      await new Promise((r) => setTimeout(r, E2E_TIMINGS.pollInterval * 2000 + 1000));
      assert.equal((await hubServer(token, 'alice'))?.ready, true, 'the hub still sees it running (polled through the new daemon)');
      assert.deepEqual(
        uiServers('alice').map((p) => p.pid),
        [server.pid],
        'not orphaned, not replaced',
      );
      assert.equal((await session.json('/user/alice/api/whoami')).status, 200);
      const stop = await hubApi(token, '/users/alice/server', { method: 'DELETE' });
      assert.ok(stop.status === 204 || stop.status === 202, `stop: HTTP ${stop.status}`);
      await waitFor('the new daemon to stop the old server', () => (uiServers('alice').length === 0 ? true : undefined), 20_000);
    } finally {
      release();
    }
  });

  it('restarting the hub: the running server is found again, same process, and serves its visitor', async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('jacintar', password('jacintar'));
    assert.equal((await session.open('/user/oceans_stage/')).status, 200);
    const release = await holdOpen(session, 'oceans_stage');
    try {
      const [server] = uiServers('oceans_stage');
      assert.ok(server);
      bed('hub.sh', ['stop']);
      bed('hub.sh', ['start'], { ISOBAR_SITE_CONFIG: E2E_SITE });
      const token = await personalToken('oceans_stage');
      await waitFor(
        'the hub to show the server ready',
        async () => ((await hubServer(token, 'oceans_stage'))?.ready ? true : undefined),
        30_000,
      );
      assert.deepEqual(
        uiServers('oceans_stage').map((p) => p.pid),
        [server.pid],
      );
      const who = await session.json('/user/oceans_stage/api/whoami');
      assert.equal(who.status, 200);
      assert.equal((who.body as { visitor: string }).visitor, 'jacintar');
    } finally {
      release();
    }
  });
});
