/** A person logs in through the hub's real form and lands on their own UI server, running as them. */
import assert from 'node:assert/strict';
import { HOSTS, HUB_ACCOUNT, PUBLIC_URL, password } from '../lib/bed';
import { HubSession } from '../lib/http-session';
import { boundHost, processes, uiServers, uidOf } from '../lib/processes';

describe('login and own server (HTTP client with cookies)', function () {
  this.timeout(90_000);

  it('alice logs in through the form, lands on her UI server, which runs as alice on a test host', async () => {
    const session = new HubSession(PUBLIC_URL);
    await session.login('alice', password('alice'));
    const page = await session.open('/user/alice/');
    assert.equal(page.status, 200, `${page.url}\n${page.body.slice(0, 500)}`);
    assert.match(page.body, /id="visitor"/);
    const who = await session.json('/user/alice/api/whoami');
    assert.deepEqual(
      { visitor: (who.body as { visitor: string }).visitor, owner: (who.body as { owner: string }).owner },
      { visitor: 'alice', owner: 'alice' },
    );
    assert.equal(page.headers.get('x-jupyterhub-version') !== null, true, 'X-JupyterHub-Version is sent');

    const servers = uiServers('alice');
    assert.equal(servers.length, 1, 'one UI server for alice');
    assert.equal(servers[0]!.uid, uidOf('alice'));
    assert.ok(
      HOSTS.some((h) => h.address === boundHost(servers[0]!)),
      `bound to a test host, not ${boundHost(servers[0]!)}`,
    );
    const status = await session.json('/user/alice/api/status');
    assert.equal((status.body as { uid: number }).uid, uidOf('alice'), "the server itself reports alice's uid");
  });

  it('a wrong password is refused by the hub', async () => {
    const session = new HubSession(PUBLIC_URL);
    await assert.rejects(session.login('alice', 'not-her-password'), /login as alice failed/);
  });

  it('the hub runs as the unprivileged account; nothing of the suite runs as root but the test sshd', () => {
    const all = processes();
    const hub = all.filter((p) => p.argv.some((a) => a.endsWith('/jupyterhub')) && p.argv.includes('-f'));
    assert.equal(hub.length, 1, 'one hub process');
    assert.equal(hub[0]!.user, HUB_ACCOUNT);
    const suite = all.filter(
      (p) =>
        p.argv.some((a) => /jupyterhub|configurable-http-proxy|isobar|spawner-ssh|uiserver/.test(a)) &&
        !p.argv.includes('mocha') &&
        !p.argv.some((a) => a.includes('mocha')),
    );
    const proxy = suite.filter((p) => p.argv.some((a) => a.includes('configurable-http-proxy')));
    const daemon = suite.filter((p) => p.argv.some((a) => a.includes('spawner-ssh/dist/src/daemon/main.js')));
    assert.equal(proxy.length, 1, 'the proxy runs');
    assert.equal(daemon.length, 1, 'the spawner daemon runs');
    const asRoot = suite.filter((p) => p.uid === 0 && !p.argv[0]!.includes('sshd') && !p.argv.some((a) => a.includes('/test/bed/')));
    assert.deepEqual(
      asRoot.map((p) => p.argv.join(' ')),
      [],
      'no suite process runs as root',
    );
    assert.equal(proxy[0]!.user, HUB_ACCOUNT);
    assert.equal(daemon[0]!.user, HUB_ACCOUNT);
  });
});
