/** With hosts down, spawns fail over to the others; with all down, the failure names each host. */
import assert from 'node:assert/strict';
import { PUBLIC_URL, password, startHosts, stopHosts, waitFor } from '../lib/bed';
import { hubApi, hubServer, personalToken } from '../lib/hub-api';
import { HubSession } from '../lib/http-session';
import { boundHost, uiServers } from '../lib/processes';

async function ensureStopped(token: string, user: string): Promise<void> {
  if (await hubServer(token, user)) await hubApi(token, `/users/${user}/server`, { method: 'DELETE' });
  await waitFor(
    `${user}'s server to stop`,
    async () => ((await hubServer(token, user)) === undefined && uiServers(user).length === 0 ? true : undefined),
    30_000,
  );
}

describe('failover between hosts', function () {
  this.timeout(180_000);
  afterEach(() => startHosts());

  it("with two hosts' sshd stopped, the spawn succeeds on the remaining one", async () => {
    const token = await personalToken('bob');
    await ensureStopped(token, 'bob');
    stopHosts('host-a', 'host-b');
    const session = new HubSession(PUBLIC_URL);
    await session.login('bob', password('bob'));
    const page = await session.open('/user/bob/');
    assert.equal(page.status, 200, page.body.slice(0, 300));
    const [server] = uiServers('bob');
    assert.ok(server);
    assert.equal(boundHost(server), '127.0.0.4', 'runs on host-c');
  });

  it("with every host's sshd stopped, the spawn fails with a message naming each host", async () => {
    const token = await personalToken('alice');
    await ensureStopped(token, 'alice');
    stopHosts();
    const start = await hubApi(token, '/users/alice/server', { method: 'POST' });
    assert.ok([201, 202, 500].includes(start.status), `start: HTTP ${start.status} ${JSON.stringify(start.body)}`);
    const res = await fetch(`${PUBLIC_URL}/hub/api/users/alice/server/progress`, { headers: { authorization: `token ${token}` } });
    const events = await res.text();
    const failed = events
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => JSON.parse(l.slice(5)) as { failed?: boolean; message?: string })
      .find((e) => e.failed);
    assert.ok(failed, `a failed event in: ${events.slice(-800)}`);
    for (const host of ['host-a', 'host-b', 'host-c']) assert.match(failed.message ?? '', new RegExp(`${host}: `), `names ${host}`);
    assert.equal(uiServers('alice').length, 0);
  });
});
