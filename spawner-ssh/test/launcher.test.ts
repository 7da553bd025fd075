/**
 * The launcher as a real process (no SSH: SSH_ORIGINAL_COMMAND is set by
 * hand, as sshd would). The end-to-end tests run it through real sshd.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

// The forced command itself (a script that runs the launcher program or, for launch, the UI server).
const LAUNCHER = join(__dirname, '..', '..', 'bin', 'isobar-launcher');

function launcher(command: string | undefined, home: string, stdin = '') {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, USER: userInfo().username };
  if (command !== undefined) env.SSH_ORIGINAL_COMMAND = command;
  const r = spawnSync(LAUNCHER, [], { env, input: stdin, encoding: 'utf8', timeout: 30_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { status: r.status, reply: JSON.parse(last) as Record<string, unknown>, stderr: r.stderr };
}

describe('launcher (as a process)', function () {
  this.timeout(30_000);
  const home = mkdtempSync(join(tmpdir(), 'isobar-launcher-'));
  const token = 'tok-' + Math.random().toString(36).slice(2);
  const request = {
    env: {
      JUPYTERHUB_API_TOKEN: token,
      JUPYTERHUB_USER: userInfo().username,
      JUPYTERHUB_SERVICE_PREFIX: `/user/${userInfo().username}/`,
      JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
      JUPYTERHUB_BASE_URL: '/',
      JUPYTERHUB_CLIENT_ID: `jupyterhub-user-${userInfo().username}`,
      JUPYTERHUB_ACTIVITY_URL: `http://127.0.0.1:9/hub/api/users/${userInfo().username}/activity`,
      JUPYTERHUB_OAUTH_CALLBACK_URL: `/user/${userInfo().username}/oauth_callback`,
      JUPYTERHUB_OAUTH_ACCESS_SCOPES: JSON.stringify([`access:servers!server=${userInfo().username}/`]),
      JUPYTERHUB_SERVER_NAME: '',
    },
    idleTimeoutSeconds: 600,
    keepaliveSeconds: 30,
    cylcCommand: 'cylc',
    grantKeyUrl: 'http://127.0.0.1:9/services/isobar/api/grant-key',
    rolesUrl: 'http://127.0.0.1:9/services/isobar/api/roles',
    auditUrl: 'http://127.0.0.1:9/services/isobar/api/audit',
    authzSiteFile: '/etc/isobar/authz.yaml',
    ownersExempt: false,
    hubVersion: '3.0.0',
  };

  it('refuses an unknown command, says so and logs it', () => {
    const r = launcher('rm -rf /', home);
    assert.equal(r.status, 2);
    assert.equal(r.reply.ok, false);
    assert.match(String(r.reply.error), /unknown command "rm -rf \/"/);
    assert.match(readFileSync(join(home, '.isobar', 'log', 'launcher.log'), 'utf8'), /refused: unknown command "rm -rf \/"/);
  });

  it('the launcher program refuses launch when not run through the forced command', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '..', 'src', 'launcher', 'main.js')], {
      env: { PATH: process.env.PATH, HOME: home, SSH_ORIGINAL_COMMAND: 'launch' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /launch must go through bin\/isobar-launcher/);
  });

  it('stop escalates to KILL when the server ignores TERM', async () => {
    // A process that looks like a UI server (the marker) but will not die on TERM.
    const stubborn = spawn(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)", '--', '--isobar-uiserver'],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 300));
    const stat = readFileSync(`/proc/${stubborn.pid}/stat`, 'utf8');
    const startTime = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const exited = new Promise((r) => stubborn.once('exit', (_code, signal) => r(signal)));
    const r = launcher(`stop ${stubborn.pid} ${startTime} 1`, home);
    assert.deepEqual(r.reply, { ok: true, stopped: true, signal: 'KILL' });
    assert.equal(await exited, 'SIGKILL');
  });

  it("refuses to signal a process that is not one of the caller's UI servers", () => {
    const r = launcher(`stop 1 1 1`, home);
    assert.deepEqual(r.reply, { ok: true, stopped: true, signal: 'none' }, 'pid 1 is not a UI server: nothing is signalled');
  });

  it('refuses an interactive login (no command)', () => {
    const r = launcher(undefined, home);
    assert.equal(r.status, 2);
    assert.match(String(r.reply.error), /interactive login is not allowed/);
  });

  it('refuses a launch for another user, and malformed stdin', () => {
    const other = launcher('launch', home, JSON.stringify({ ...request, env: { ...request.env, JUPYTERHUB_USER: 'someone-else' } }));
    assert.equal(other.reply.event, 'error');
    assert.match(String(other.reply.message), /JUPYTERHUB_USER: is "someone-else" but this server runs as/);
    const broken = launcher('launch', home, '{"env":');
    assert.equal(broken.reply.event, 'error');
    assert.match(String(broken.reply.message), /JSON/);
    assert.ok(!String(broken.reply.message).includes('{"env"'), 'the document is not echoed');
  });

  it('reports metrics', () => {
    const r = launcher('metrics', home);
    assert.equal(r.reply.ok, true);
    for (const k of ['load1', 'cpus', 'memAvailableBytes', 'memTotalBytes', 'uiservers']) assert.equal(typeof r.reply[k], 'number', k);
  });

  it('launches a UI server that reports its port, then status and stop (TERM) work by pid and start time', async () => {
    const r = launcher('launch', home, JSON.stringify(request));
    assert.equal(r.reply.event, 'listening', JSON.stringify(r.reply) + r.stderr);
    const { pid, startTime, port } = r.reply as { pid: number; startTime: number; port: number };
    assert.ok(port > 0);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    assert.ok(!cmdline.includes(token), 'the token is not in argv');
    assert.ok(!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(token), 'the token is not in the environment');
    assert.deepEqual(launcher(`status ${pid} ${startTime}`, home).reply, { ok: true, running: true });
    assert.deepEqual(
      launcher(`status ${pid} ${startTime + 1}`, home).reply,
      { ok: true, running: false },
      'a different start time is another process',
    );
    assert.equal((launcher('metrics', home).reply.uiservers as number) >= 1, true);
    const stopped = launcher(`stop ${pid} ${startTime} 5`, home);
    assert.deepEqual(stopped.reply, { ok: true, stopped: true, signal: 'TERM' });
    assert.equal(existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--isobar-uiserver'), false);
    assert.deepEqual(launcher(`status ${pid} ${startTime}`, home).reply, { ok: true, running: false });
  });
});
