import { HubUnreachableError, TokenRejectedError, type HubUser } from '@isobar/hub-client';
import assert from 'node:assert/strict';
import { Logger } from '../src/log';
import { SessionStore } from '../src/sessions';
import { SessionVerifier } from '../src/verifier';
import { FakeClock, LineSink } from './clock';

const MINUTE = 60_000;

function setup(): {
  clock: FakeClock;
  store: SessionStore;
  verifier: SessionVerifier;
  hub: { answer: () => Promise<HubUser>; calls: number };
} {
  const clock = new FakeClock();
  const store = new SessionStore(clock.now);
  const hub = {
    calls: 0,
    answer: (): Promise<HubUser> => Promise.resolve({ name: 'bob', groups: ['ops'], scopes: ['access:servers!user=alice'] }),
  };
  const verifier = new SessionVerifier(
    store,
    () => {
      hub.calls++;
      return hub.answer();
    },
    (user) => user.scopes.includes('access:servers!user=alice'),
    new Logger(new LineSink()),
    { recheckMs: 5 * MINUTE, retryMs: 30_000, now: clock.now },
  );
  return { clock, store, verifier, hub };
}

describe('SessionVerifier', () => {
  it('has no session for unknown or missing cookies', async () => {
    const { verifier } = setup();
    assert.deepEqual(await verifier.verify([]), { kind: 'none' });
    assert.deepEqual(await verifier.verify(['nope']), { kind: 'none' });
  });

  it('trusts a fresh session without asking the hub, and picks the live one of several cookies', async () => {
    const { store, verifier, hub } = setup();
    const session = store.create('bob', ['ops'], 'at');
    const verdict = await verifier.verify(['stale', session.id]);
    assert.equal(verdict.kind, 'ok');
    assert.equal(hub.calls, 0);
  });

  it('ends a session at once when the hub login it was made under is gone (signed out, or another person at this browser)', async () => {
    const { store, verifier, hub } = setup();
    const session = store.create('bob', ['ops'], 'at', 'hub-login-1');
    assert.equal((await verifier.verifyRequest([session.id], 'hub-login-1')).kind, 'ok');
    assert.equal((await verifier.verify([session.id])).kind, 'ok', 'an open socket re-check has no request cookies');
    assert.deepEqual(await verifier.verifyRequest([session.id], 'hub-login-2'), { kind: 'none' });
    assert.deepEqual(await verifier.verifyRequest([session.id], 'hub-login-1'), { kind: 'none' }, 'and it stays ended');
    const other = store.create('bob', ['ops'], 'at', 'hub-login-3');
    assert.deepEqual(await verifier.verifyRequest([other.id], undefined), { kind: 'none' }, 'signed out: no hub cookie at all');
    const unbound = store.create('bob', ['ops'], 'at');
    assert.equal((await verifier.verifyRequest([unbound.id], 'anything')).kind, 'ok', 'a hub that sets no session cookie binds nothing');
    assert.equal(hub.calls, 0);
  });

  it('re-checks with the hub after five minutes, once for concurrent requests', async () => {
    const { clock, store, verifier, hub } = setup();
    const session = store.create('bob', [], 'at');
    clock.advance(5 * MINUTE - 1);
    await verifier.verify([session.id]);
    assert.equal(hub.calls, 0);
    clock.advance(1);
    const verdicts = await Promise.all([verifier.verify([session.id]), verifier.verify([session.id])]);
    assert.deepEqual(
      verdicts.map((v) => v.kind),
      ['ok', 'ok'],
    );
    assert.equal(hub.calls, 1);
    assert.deepEqual(session.groups, ['ops'], 'groups refreshed');
    await verifier.verify([session.id]);
    assert.equal(hub.calls, 1, 'fresh again');
  });

  it('ends the session when the hub rejects the token', async () => {
    const { clock, store, verifier, hub } = setup();
    const session = store.create('bob', [], 'at');
    hub.answer = () => Promise.reject(new TokenRejectedError(403));
    clock.advance(6 * MINUTE);
    assert.deepEqual(await verifier.verify([session.id]), { kind: 'none' });
    assert.equal(store.get(session.id), undefined);
  });

  it('ends the session as forbidden when the visitor lost access', async () => {
    const { clock, store, verifier, hub } = setup();
    const session = store.create('bob', [], 'at');
    hub.answer = () => Promise.resolve({ name: 'bob', groups: [], scopes: [] });
    clock.advance(6 * MINUTE);
    assert.deepEqual(await verifier.verify([session.id]), { kind: 'forbidden', visitor: 'bob' });
    assert.equal(store.size, 0);
  });

  it('keeps the session while the hub is unreachable, retrying after 30 s', async () => {
    const { clock, store, verifier, hub } = setup();
    const session = store.create('bob', [], 'at');
    hub.answer = () => Promise.reject(new HubUnreachableError('down'));
    clock.advance(6 * MINUTE);
    assert.equal((await verifier.verify([session.id])).kind, 'ok');
    assert.equal(hub.calls, 1);
    clock.advance(29_000);
    await verifier.verify([session.id]);
    assert.equal(hub.calls, 1);
    clock.advance(1_000);
    await verifier.verify([session.id]);
    assert.equal(hub.calls, 2);
  });

  it('ends the session if the token now names someone else', async () => {
    const { clock, store, verifier, hub } = setup();
    const session = store.create('bob', [], 'at');
    hub.answer = () => Promise.resolve({ name: 'mallory', groups: [], scopes: ['access:servers!user=alice'] });
    clock.advance(6 * MINUTE);
    assert.deepEqual(await verifier.verify([session.id]), { kind: 'none' });
  });
});

describe('SessionStore', () => {
  it('evicts the least recently seen session beyond its capacity', () => {
    const clock = new FakeClock();
    const store = new SessionStore(clock.now, 2);
    const a = store.create('a', [], 't');
    const b = store.create('b', [], 't');
    store.get(a.id);
    store.create('c', [], 't');
    assert.ok(store.get(a.id));
    assert.equal(store.get(b.id), undefined);
    assert.equal(store.size, 2);
  });

  it('makes long unguessable ids', () => {
    const store = new SessionStore();
    const ids = new Set(Array.from({ length: 100 }, () => store.create('a', [], 't').id));
    assert.equal(ids.size, 100);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{43}$/);
  });
});
