import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Browser, sleep } from './helpers/browser';
import { ARGS, launch, launchDocument, runToExit, type Exit, type Launched } from './helpers/child';
import { FakeHub } from './helpers/fake-hub';

async function exitWithin(server: Launched, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('uiserver process', () => {
  let hub: FakeHub;
  before(async () => {
    hub = await new FakeHub().start();
  });
  after(() => hub.stop());

  describe('start-up validation (exit 2, key named, one error event on stdout)', () => {
    const cases: [string, () => string, RegExp][] = [
      ['no JSON', () => 'not json', /stdin: not a valid JSON document/],
      ['empty stdin', () => '', /stdin: empty/],
      [
        'missing token',
        () => JSON.stringify(launchDocument(hub, {}, { JUPYTERHUB_API_TOKEN: undefined })),
        /env\.JUPYTERHUB_API_TOKEN: missing/,
      ],
      [
        'missing prefix',
        () => JSON.stringify(launchDocument(hub, {}, { JUPYTERHUB_SERVICE_PREFIX: undefined })),
        /env\.JUPYTERHUB_SERVICE_PREFIX: missing/,
      ],
      [
        'bad scopes',
        () => JSON.stringify(launchDocument(hub, {}, { JUPYTERHUB_OAUTH_ACCESS_SCOPES: '[' })),
        /env\.JUPYTERHUB_OAUTH_ACCESS_SCOPES: not valid JSON/,
      ],
      [
        'bad idle timeout',
        () => JSON.stringify(launchDocument(hub, { idleTimeoutSeconds: 'soon' })),
        /idleTimeoutSeconds: must be a number/,
      ],
      ['unknown key', () => JSON.stringify(launchDocument(hub, { token: 'x' })), /token: unknown key/],
      [
        'oversized stdin',
        () => JSON.stringify(launchDocument(hub, { padding: 'x'.repeat(1024 * 1024) })),
        /stdin is larger than 1048576 bytes/,
      ],
    ];
    for (const [name, input, expected] of cases) {
      it(name, async () => {
        const result = await runToExit(input());
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, expected);
        const event = JSON.parse(result.stdout) as { event: string; message: string };
        assert.equal(event.event, 'error');
        assert.match(event.message, expected, 'the spawner is told why');
        assert.ok(!result.stderr.includes(hub.apiToken), 'the token is never logged');
        assert.ok(!result.stdout.includes(hub.apiToken), 'nor reported');
      });
    }

    it('a JSON syntax error does not echo the token', async () => {
      const result = await runToExit(`{"env": {"JUPYTERHUB_API_TOKEN": "${hub.apiToken}"} oops`);
      assert.equal(result.code, 2);
      assert.ok(!result.stderr.includes(hub.apiToken));
    });

    for (const args of [[], ['--isobar-uiserver'], ['--isobar-uiserver', '--bind', 'not-an-ip'], [...ARGS, '--extra']]) {
      it(`bad arguments: ${args.join(' ') || '(none)'}`, async () => {
        const result = await runToExit(JSON.stringify(launchDocument(hub)), args);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /usage: /);
        assert.equal((JSON.parse(result.stdout) as { event: string }).event, 'error');
      });
    }

    it('a document for another user than --user names: exit 2', async () => {
      const result = await runToExit(JSON.stringify(launchDocument(hub)), [...ARGS, '--user', 'someone-else']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(JSON.parse(result.stdout).message, /env\.JUPYTERHUB_USER: is "alice" but this server runs as/);
    });

    it('an address it cannot bind: exit 1', async () => {
      const result = await runToExit(JSON.stringify(launchDocument(hub)), ['--isobar-uiserver', '--bind', '192.0.2.1']);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /cannot start/);
    });
  });

  it('keeps the token out of argv, the environment and the logs', async () => {
    const server = await launch(launchDocument(hub, { hubVersion: '3.0.0' }));
    try {
      const b = new Browser(server.origin, hub.origin);
      assert.equal((await b.follow('/user/alice/')).response.status, 200);
      const pid = server.child.pid ?? 0;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
      assert.match(cmdline, /--isobar-uiserver/);
      assert.ok(!cmdline.includes(hub.apiToken), 'not in argv');
      assert.ok(!environ.includes(hub.apiToken), 'not in the environment');
      assert.ok(!environ.includes('JUPYTERHUB_API_TOKEN'), 'not even the name');
      for (const token of hub.issuedTokens) assert.ok(!server.stderr().includes(token), 'visitor tokens not logged');
      assert.ok(!server.stderr().includes(hub.apiToken), 'not logged');
    } finally {
      await server.kill();
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 promptly on ${signal}, closing pages with 1001`, async () => {
      const server = await launch(launchDocument(hub, { hubVersion: '3.0.0' }));
      const b = new Browser(server.origin, hub.origin);
      await b.follow('/user/alice/');
      const socket = b.openSocket('/user/alice/api/ws');
      await socket.opened;
      const started = Date.now();
      server.child.kill(signal);
      assert.equal((await socket.closed).code, 1001);
      const exit = await exitWithin(server, 2_000);
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(Date.now() - started < 2_000);
      assert.match(server.stderr(), new RegExp(`shutting down reason=${signal}`));
    });
  }

  it('exits 0 after the idle timeout when nobody looks', async function () {
    this.timeout(15_000);
    const server = await launch(launchDocument(hub, { hubVersion: '3.0.0', idleTimeoutSeconds: 2 }));
    const started = Date.now();
    // Requests without a session (like the hub's readiness checks) are not activity.
    await fetch(`${server.origin}/user/alice/`, { redirect: 'manual' });
    const exit = await exitWithin(server, 5_000);
    const elapsed = Date.now() - started;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(elapsed >= 1_500, `exited after ${elapsed} ms`);
    assert.match(server.stderr(), /no page open and no activity; shutting down idleTimeoutSeconds=2/);
  });

  it('stays alive while a page sends keepalives, and idles out after it closes', async function () {
    this.timeout(20_000);
    const server = await launch(launchDocument(hub, { hubVersion: '3.0.0', idleTimeoutSeconds: 2, keepaliveSeconds: 1 }));
    try {
      const b = new Browser(server.origin, hub.origin);
      await b.follow('/user/alice/');
      const socket = b.openSocket('/user/alice/api/ws');
      await socket.opened;
      for (let i = 0; i < 8; i++) {
        await sleep(500);
        socket.send({ type: 'keepalive' });
      }
      assert.equal(server.child.exitCode, null, 'still running after twice the idle timeout');
      const status = (await (await b.request('/user/alice/api/status')).json()) as { openPages: number };
      assert.equal(status.openPages, 1);
      socket.ws.close();
      const closedAt = Date.now();
      const exit = await exitWithin(server, 4_500);
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(Date.now() - closedAt >= 1_500, 'the idle clock starts when the last page closes');
    } finally {
      await server.kill();
    }
  });
});
