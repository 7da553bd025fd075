/**
 * The spawner daemon's API directly (a daemon of the test's own, as the hub
 * account, through the real sshd hosts and launcher): selectors choosing by
 * real launcher metrics, secrets that never touch disk or argv, and
 * refusals of bad requests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTS, sleep, waitFor, writeSite } from '../lib/bed';
import { serverEnv, startDaemon } from '../lib/daemon';
import type { TestDaemon } from '../lib/daemon';
import { environOf, processes, uiServers } from '../lib/processes';

type Handle = { host: string; ip: string; port: number; pid: number; startTime: number };

function hostOf(handle: Handle): string {
  return handle.host;
}

async function stopAllUiServers(): Promise<void> {
  for (const p of uiServers()) process.kill(p.pid, 'SIGTERM');
  await waitFor('every UI server to stop', () => (uiServers().length === 0 ? true : undefined), 20_000);
}

function filesUnder(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (st.isDirectory()) filesUnder(path, out);
      else if (st.isFile() && st.size < 50 * 1024 * 1024) out.push(path);
    } catch {
      // vanished
    }
  }
  return out;
}

describe('spawner daemon through real sshd and the launcher', function () {
  this.timeout(180_000);

  describe('selectors by real metrics', () => {
    let daemon: TestDaemon | undefined;
    const started: Array<{ user: string; state: Handle }> = [];
    afterEach(async () => {
      for (const s of started.splice(0)) await daemon?.call('/v1/stop', s);
      await daemon?.stop();
      daemon = undefined;
    });

    it('ranking keeps only hosts with no UI server (real counts from the launcher) and refuses when none is left', async () => {
      await stopAllUiServers();
      const site = '/etc/isobar/site-ranking.yaml';
      writeSite(site, {
        selector: 'ranking',
        selectorOptions: '{filters: ["uiservers == 0"], rank: ["load1"]}',
        daemonPort: 8766,
        metricsMaxAge: 0,
      });
      daemon = await startDaemon(site, 8766);
      const hosts = new Set<string>();
      for (const user of ['alice', 'bob', 'oceans_stage']) {
        const r = await daemon.call('/v1/start', { user, server: '', env: serverEnv(user, randomBytes(16).toString('hex')) });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const state = r.body.state as Handle;
        started.push({ user, state });
        assert.ok(!hosts.has(hostOf(state)), `${user} went to ${hostOf(state)}, which already had a server`);
        hosts.add(hostOf(state));
      }
      assert.equal(hosts.size, 3);
      const full = await daemon.call('/v1/start', { user: 'jacintar', server: '', env: serverEnv('jacintar', 'x'.repeat(32)) });
      assert.equal(full.status, 503);
      assert.match(String(full.body.message), /no host passed/);
    });

    it('least-loaded picks the host with the fewest UI servers as the launcher counts them', async () => {
      await stopAllUiServers();
      const site = '/etc/isobar/site-least.yaml';
      writeSite(site, { selector: 'least-loaded', daemonPort: 8767, metricsMaxAge: 0 });
      daemon = await startDaemon(site, 8767);
      const placed = new Map<string, number>();
      for (const user of ['alice', 'bob', 'oceans_stage']) {
        const r = await daemon.call('/v1/start', { user, server: '', env: serverEnv(user, randomBytes(16).toString('hex')) });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const state = r.body.state as Handle;
        started.push({ user, state });
        placed.set(state.host, (placed.get(state.host) ?? 0) + 1);
      }
      assert.deepEqual([...placed.values()], [1, 1, 1], 'one per host');
      // Free one host: the next spawn must go there.
      const freed = started.find((s) => s.user === 'bob')!;
      assert.equal((await daemon.call('/v1/stop', freed)).status, 200);
      started.splice(started.indexOf(freed), 1);
      const next = await daemon.call('/v1/start', {
        user: 'jacintar',
        server: '',
        env: serverEnv('jacintar', randomBytes(16).toString('hex')),
      });
      assert.equal(next.status, 200, JSON.stringify(next.body));
      started.push({ user: 'jacintar', state: next.body.state as Handle });
      assert.equal((next.body.state as Handle).host, freed.state.host);
    });
  });

  describe('secrets and bad requests', () => {
    let daemon: TestDaemon;
    before(async () => {
      const site = '/etc/isobar/site-secrets.yaml';
      writeSite(site, { selector: 'round-robin', daemonPort: 8768 });
      daemon = await startDaemon(site, 8768);
    });
    after(async () => {
      await daemon.stop();
    });

    it("the hub token reaches the server but no file under the owner's home or /tmp, and no process's argv or environment", async () => {
      const token = `isobar-secret-${randomBytes(24).toString('hex')}`;
      const r = await daemon.call('/v1/start', { user: 'oceans_stage', server: '', env: serverEnv('oceans_stage', token) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const state = r.body.state as Handle;
      try {
        await sleep(500);
        const leaks: string[] = [];
        for (const file of [...filesUnder('/home/oceans_stage'), ...filesUnder('/tmp'), ...filesUnder('/var/lib/isobar')]) {
          try {
            if (readFileSync(file).includes(token)) leaks.push(file);
          } catch {
            // unreadable (socket, vanished)
          }
        }
        assert.deepEqual(leaks, [], 'files containing the token');
        const inArgv = processes().filter((p) => p.argv.join(' ').includes(token));
        assert.deepEqual(
          inArgv.map((p) => p.pid),
          [],
          'processes with the token in argv',
        );
        assert.ok(!environOf(state.pid).includes(token), "not in the UI server's environment either");
        assert.ok(HOSTS.some((h) => h.address === state.ip));
      } finally {
        await daemon.call('/v1/stop', { user: 'oceans_stage', server: '', state });
      }
    });

    it('requests without or with a wrong token get 401; malformed JSON gets 400; nothing is started', async () => {
      const before = uiServers().length;
      const none = await fetch(`${daemon.url}/v1/start`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(none.status, 401);
      const wrong = await fetch(`${daemon.url}/v1/start`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', authorization: 'token ' + 'f'.repeat(64) },
      });
      assert.equal(wrong.status, 401);
      const bad = await fetch(`${daemon.url}/v1/start`, {
        method: 'POST',
        body: '{"user": ',
        headers: { 'content-type': 'application/json', authorization: `token ${daemon.token}` },
      });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { message: string }).message, /malformed JSON/);
      assert.equal(uiServers().length, before);
      const health = await fetch(`${daemon.url}/v1/health`);
      assert.equal(health.status, 200, 'the daemon still serves');
    });

    it('the launcher refuses an SSH_ORIGINAL_COMMAND it does not know, through real sshd, and logs it', () => {
      let out = '';
      let status = 0;
      try {
        execFileSync(
          'setpriv',
          [
            '--reuid',
            'isobar',
            '--regid',
            'isobar',
            '--init-groups',
            'ssh',
            '-i',
            '/var/lib/isobar/.ssh/id_ed25519',
            '-o',
            'UserKnownHostsFile=/var/lib/isobar/.ssh/known_hosts',
            '-o',
            'StrictHostKeyChecking=yes',
            '-o',
            'BatchMode=yes',
            '-p',
            '2222',
            'alice@127.0.0.2',
            'cat /etc/shadow',
          ],
          { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/var/lib/isobar' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
      } catch (err) {
        const e = err as { status: number; stdout: string };
        status = e.status;
        out = e.stdout;
      }
      assert.equal(status, 2);
      assert.match(String((JSON.parse(out) as { error: string }).error), /unknown command "cat \/etc\/shadow"/);
      assert.match(readFileSync('/home/alice/.isobar/log/launcher.log', 'utf8'), /refused: unknown command "cat \/etc\/shadow"/);
    });
  });
});
