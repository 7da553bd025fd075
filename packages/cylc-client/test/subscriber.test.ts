import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Publisher, curveKeyPair } from 'zeromq';
import { CylcSubscriber, encodeDataMessage, toEvent, type CurveKeys, type SubscriberEvent } from '../src';

/** A stand-in for a scheduler's CURVE PUB socket. */
async function startPublisher(): Promise<{ socket: Publisher; port: number; clientKeys: CurveKeys }> {
  const server = curveKeyPair();
  const client = curveKeyPair();
  const socket = new Publisher({ curveServer: true, curveSecretKey: server.secretKey, curvePublicKey: server.publicKey, linger: 0 });
  await socket.bind('tcp://127.0.0.1:*');
  const port = Number(/:(\d+)$/.exec(socket.lastEndpoint ?? '')?.[1]);
  return { socket, port, clientKeys: { publicKey: client.publicKey, secretKey: client.secretKey, serverKey: server.publicKey } };
}

const DELTAS = { task_proxies: { time: 1, checksum: 7, updated: [{ id: '~u/w//1/a', state: 'running' }] } };

describe('CylcSubscriber (CurveZMQ SUB)', () => {
  it('turns [topic, data] messages into events', () => {
    assert.deepEqual(toEvent([Buffer.from('all'), encodeDataMessage('AllDeltas', DELTAS)]), {
      kind: 'deltas',
      deltas: DELTAS,
      bytes: encodeDataMessage('AllDeltas', DELTAS).length,
    });
    assert.deepEqual(toEvent([Buffer.from('shutdown'), Buffer.from('stopped')]), { kind: 'shutdown', reason: 'stopped' });
    assert.equal(toEvent([Buffer.from('allx'), Buffer.alloc(0)]), undefined);
    assert.equal(toEvent([Buffer.from('all'), Buffer.from([0x0a, 0x09])])?.kind, 'invalid');
    assert.equal(toEvent([Buffer.from('all')])?.kind, 'invalid');
  });

  it('receives deltas and shutdown over CURVE, and ends when closed', async () => {
    const pub = await startPublisher();
    const sub = new CylcSubscriber({ host: '127.0.0.1', port: pub.port, keys: pub.clientKeys });
    const events: SubscriberEvent[] = [];
    const done = (async () => {
      for await (const event of sub) {
        events.push(event);
        if (event.kind === 'shutdown') sub.close();
      }
    })();
    try {
      // PUB drops what it sends before the subscription arrives: repeat until seen.
      for (let i = 0; i < 100 && events.length === 0; i++) {
        await pub.socket.send(['task_proxies', 'ignored: not subscribed']);
        await pub.socket.send(['all', encodeDataMessage('AllDeltas', DELTAS)]);
        await sleep(20);
      }
      await pub.socket.send(['shutdown', 'stopped by test']);
      await done;
    } finally {
      sub.close();
      pub.socket.close();
    }
    assert.ok(events.length >= 2, JSON.stringify(events));
    assert.deepEqual(events[0], { kind: 'deltas', deltas: DELTAS, bytes: encodeDataMessage('AllDeltas', DELTAS).length });
    assert.deepEqual(events.at(-1), { kind: 'shutdown', reason: 'stopped by test' });
    assert.ok(events.slice(0, -1).every((e) => e.kind === 'deltas'));
    assert.equal(sub.closed, true);
  });

  it('close() ends an iteration waiting for a message', async () => {
    const pub = await startPublisher();
    const sub = new CylcSubscriber({ host: '127.0.0.1', port: pub.port, keys: pub.clientKeys });
    const done = (async () => {
      const seen: SubscriberEvent[] = [];
      for await (const event of sub) seen.push(event);
      return seen;
    })();
    await sleep(50);
    sub.close();
    sub.close(); // idempotent
    assert.deepEqual(await done, []);
    pub.socket.close();
  });
});
