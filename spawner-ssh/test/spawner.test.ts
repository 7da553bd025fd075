import assert from 'node:assert/strict';
import { SpawnFailed } from '../src/daemon/spawner';
import { fewestServers, makeSpawner } from './fakes';

const request = { user: 'alice', server: '', env: { JUPYTERHUB_API_TOKEN: 'secret-token', JUPYTERHUB_USER: 'alice' } };

describe('Spawner', () => {
  it('starts on the first host the selector offers, as the user, secrets on stdin only', async () => {
    const { exec, spawner, progress } = makeSpawner({});
    const handle = await spawner.start(request);
    assert.equal(handle.host, 'host-a');
    assert.deepEqual(
      exec.calls.map((c) => [c.host, c.user, c.command]),
      [['host-a', 'alice', 'launch']],
    );
    assert.ok(!exec.calls[0]!.command.includes('secret-token'));
    assert.match(exec.calls[0]!.stdin ?? '', /secret-token/);
    const messages = progress.since('alice', 0).events.map((e) => e.message);
    assert.deepEqual(messages.slice(0, 3), ['choosing host', 'connecting to host-a', 'starting UI server on host-a']);
    assert.match(messages[3]!, /UI server listening on 127.0.0.2:40000/);
  });

  it('fails over to the next host and backs off from the failed one', async () => {
    const { exec, spawner, health } = makeSpawner({ 'host-a': 'refused' });
    const first = await spawner.start(request);
    assert.equal(first.host, 'host-b');
    assert.ok(health.backingOff('host-a'));
    exec.calls.length = 0;
    const second = await spawner.start({ ...request, user: 'bob' });
    assert.equal(second.host, 'host-b');
    assert.deepEqual(
      exec.calls.map((c) => c.host),
      ['host-b'],
      'host-a is skipped while in backoff',
    );
  });

  it('a launcher error is not a host fault: no backoff, but the next host is tried', async () => {
    const { spawner, health } = makeSpawner({ 'host-a': 'launch-error' });
    assert.equal((await spawner.start(request)).host, 'host-b');
    assert.equal(health.backingOff('host-a'), undefined);
  });

  it('fails only when every host failed, naming each host and why', async () => {
    const { spawner } = makeSpawner({ 'host-a': 'refused', 'host-b': 'refused', 'host-c': 'launch-error' });
    await assert.rejects(spawner.start(request), (err: unknown) => {
      assert.ok(err instanceof SpawnFailed);
      assert.match(err.message, /host-a: ECONNREFUSED.*; host-b: ECONNREFUSED.*; host-c: launcher: node not found/);
      assert.equal(err.attempts.length, 3);
      return true;
    });
  });

  it('still tries hosts in backoff when nothing else is left', async () => {
    let t = 0;
    const { spawner, exec } = makeSpawner({ 'host-a': 'refused', 'host-b': 'refused', 'host-c': 'refused' }, () => t);
    await assert.rejects(spawner.start(request));
    exec.behaviour['host-c'] = 'ok';
    t += 1000;
    assert.equal((await spawner.start(request)).host, 'host-c');
  });

  it('a burst of spawns shares one metrics fetch per host and spreads by the servers it started', async () => {
    const { spawner, exec } = makeSpawner({}, Date.now, fewestServers);
    const handles = await Promise.all(Array.from({ length: 30 }, (_, i) => spawner.start({ ...request, server: `s${i}` })));
    assert.equal(exec.calls.filter((c) => c.command === 'metrics').length, 3, 'one metrics call per host');
    const perHost = new Map<string, number>();
    for (const h of handles) perHost.set(h.host, (perHost.get(h.host) ?? 0) + 1);
    assert.deepEqual([...perHost.values()].sort(), [10, 10, 10]);
  });

  it('polls and stops with the pid and start time of the handle', async () => {
    const { spawner, exec } = makeSpawner({});
    const handle = await spawner.start(request);
    assert.equal(await spawner.poll('alice', handle), true);
    assert.equal(await spawner.stop('alice', handle), 'TERM');
    assert.deepEqual(
      exec.calls.slice(1).map((c) => c.command),
      [`status ${handle.pid} 5`, `stop ${handle.pid} 5 5`],
    );
  });
});
