import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../src/daemon/app';
import type { FakeExecutor } from './fakes';
import { makeSpawner } from './fakes';

const TOKEN = 'a'.repeat(48);

describe('daemon HTTP API', () => {
  let server: Server;
  let base: string;
  let exec: FakeExecutor;

  before(async () => {
    const made = makeSpawner({ 'host-a': 'refused', 'host-b': 'refused', 'host-c': 'refused' });
    exec = made.exec;
    const { spawner, progress } = made;
    server = createApp(spawner, progress, TOKEN).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const post = (path: string, body: string, token: string | null = TOKEN) =>
    fetch(base + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `token ${token}` } : {}) },
    });

  it('answers health without a token', async () => {
    assert.equal((await fetch(base + '/v1/health')).status, 200);
  });

  it('refuses requests without a token or with a wrong one (401), and does nothing', async () => {
    const body = JSON.stringify({ user: 'alice', env: {} });
    assert.equal((await post('/v1/start', body, null)).status, 401);
    assert.equal((await post('/v1/start', body, 'b'.repeat(48))).status, 401);
    assert.equal((await post('/v1/start', body, TOKEN.slice(1))).status, 401);
    assert.equal(exec.calls.length, 0);
  });

  it('answers malformed JSON with 400 naming the problem', async () => {
    const res = await post('/v1/start', '{"user": "alice",');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /malformed JSON/);
    assert.equal(exec.calls.length, 0);
  });

  it('answers an invalid field with 400 naming it', async () => {
    const res = await post('/v1/poll', JSON.stringify({ user: 'alice', state: { host: 'host-a' } }));
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /state.ip/);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post('/v1/start', JSON.stringify({ user: 'alice', env: { X: 'x'.repeat(300_000) } }));
    assert.equal(res.status, 413);
  });

  it('reports a spawn that failed on every host as 503 with each host and why', async () => {
    const res = await post('/v1/start', JSON.stringify({ user: 'alice', env: { JUPYTERHUB_USER: 'alice' } }));
    assert.equal(res.status, 503);
    const body = (await res.json()) as { message: string; attempts: Array<{ host: string }> };
    assert.deepEqual(
      body.attempts.map((a) => a.host),
      ['host-a', 'host-b', 'host-c'],
    );
    assert.match(body.message, /host-a: .*host-b: .*host-c: /);
  });

  it('answers unknown routes with 404', async () => {
    assert.equal((await fetch(base + '/v1/nope', { headers: { authorization: `token ${TOKEN}` } })).status, 404);
  });
});
