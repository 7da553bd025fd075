import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { curveKeyPair } from 'zeromq';
import { ClientClosedError, CylcRequestClient, SchedulerError, SchedulerUnreachableError } from '../src';
import { startFakeScheduler, type FakeScheduler } from './fake-scheduler';

describe('CylcRequestClient (CurveZMQ REQ)', () => {
  let fake: FakeScheduler | undefined;
  let client: CylcRequestClient | undefined;
  afterEach(() => {
    client?.close();
    fake?.close();
    client = fake = undefined;
  });

  function connect(f: FakeScheduler, timeoutMs = 2000): CylcRequestClient {
    return new CylcRequestClient({ host: '127.0.0.1', port: f.port, keys: f.clientKeys, timeoutMs, clientHost: 'testhost' });
  }

  it('sends graphql with meta.auth_user and returns the data', async () => {
    fake = await startFakeScheduler(() => JSON.stringify({ data: { workflows: [{ id: '~u/w', status: 'running' }] } }));
    client = connect(fake);
    const data = await client.graphql('{ workflows { id status } }', { a: 1 }, 'jacintar');
    assert.deepEqual(data, { workflows: [{ id: '~u/w', status: 'running' }] });
    assert.deepEqual(fake.received[0], {
      command: 'graphql',
      args: { request_string: '{ workflows { id status } }', variables: { a: 1 } },
      meta: { prog: 'isobar', host: 'testhost', comms_method: 'zmq', auth_user: 'jacintar' },
    });
  });

  it('serialises concurrent requests on its one socket', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    fake = await startFakeScheduler(async (req) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(20);
      inFlight -= 1;
      return JSON.stringify({ data: (req['args'] as { n: number }).n });
    });
    client = connect(fake);
    const c = client;
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => c.call('echo', { n }, 'u')));
    assert.deepEqual(replies, [1, 2, 3, 4, 5]);
    assert.equal(maxInFlight, 1);
  });

  it('passes the scheduler error on, and the next request still works', async () => {
    fake = await startFakeScheduler((req) =>
      req['command'] === 'bad' ? JSON.stringify({ error: { message: 'No method by the name "bad"' } }) : JSON.stringify({ data: 'ok' }),
    );
    client = connect(fake);
    await assert.rejects(
      client.call('bad', {}, 'u'),
      (err: unknown) => err instanceof SchedulerError && err.message === 'No method by the name "bad"',
    );
    assert.equal(await client.call('good', {}, 'u'), 'ok');
  });

  it('times out with a clear error, then recovers on a fresh socket', async () => {
    let silent = true;
    fake = await startFakeScheduler(() => (silent ? undefined : JSON.stringify({ data: 'back' })));
    client = connect(fake, 300);
    const first = client.call('first', {}, 'u');
    const second = client.call('second', {}, 'u'); // queued behind the first: times out too
    await Promise.all([
      assert.rejects(first, (err: unknown) => {
        assert.ok(err instanceof SchedulerUnreachableError);
        assert.equal(err.code, 'SCHEDULER_UNREACHABLE');
        assert.match(err.message, /^tcp:\/\/127\.0\.0\.1:\d+: no reply within 300 ms \(timed out\); the scheduler may have stopped$/);
        return true;
      }),
      assert.rejects(second, SchedulerUnreachableError),
    ]);
    silent = false;
    assert.equal(await client.call('third', {}, 'u'), 'back');
  });

  it('gets no answer from a scheduler with other keys (CURVE refuses)', async () => {
    fake = await startFakeScheduler(() => JSON.stringify({ data: 'never' }));
    const wrong = curveKeyPair();
    client = new CylcRequestClient({
      host: '127.0.0.1',
      port: fake.port,
      keys: { ...fake.clientKeys, serverKey: wrong.publicKey },
      timeoutMs: 300,
    });
    await assert.rejects(client.call('x', {}, 'u'), SchedulerUnreachableError);
    assert.equal(fake.received.length, 0);
  });

  it('fails queued and later requests with ClientClosedError after close()', async () => {
    fake = await startFakeScheduler(async () => {
      await sleep(100);
      return JSON.stringify({ data: 1 });
    });
    client = connect(fake);
    const first = client.call('a', {}, 'u');
    const second = client.call('b', {}, 'u');
    await sleep(20);
    client.close();
    await assert.rejects(first, ClientClosedError);
    await assert.rejects(second, ClientClosedError);
    await assert.rejects(client.call('c', {}, 'u'), (err: unknown) => err instanceof ClientClosedError && err.code === 'CLIENT_CLOSED');
  });
});
