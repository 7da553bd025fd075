import assert from 'node:assert/strict';
import { readFileSync, unlinkSync } from 'node:fs';
import { AuditChain } from '../../src/audit/chain';
import { AuditOutbox, type SendBatch } from '../../src/audit/outbox';
import { AuditStore } from '../../src/audit/store';
import { action, TempDir } from './helpers';

/** A hub reached through `send`: down while `down` is set, else straight into a real store. */
class FakeHub {
  down = false;
  calls = 0;
  readonly store: AuditStore;

  constructor(path: string) {
    this.store = new AuditStore(path);
  }

  send: SendBatch = (batch) => {
    this.calls += 1;
    if (this.down) return Promise.reject(new Error('connect ECONNREFUSED'));
    return Promise.resolve(this.store.acceptBatch('atmosphere_stage', batch));
  };

  heldSeqs(): string[] {
    return this.store
      .query({ limit: 1000 })
      .map((row) => row.seq ?? 0)
      .sort((a, b) => a - b)
      .map(String);
  }
}

const seqs = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, index) => String(from + index));

describe('audit: the outbox', () => {
  let dir: TempDir;
  let hub: FakeHub;
  beforeEach(() => {
    dir = new TempDir();
    hub = new FakeHub(dir.file('hub.sqlite'));
  });
  afterEach(() => {
    hub.store.close();
    dir.remove();
  });

  const open = (options: { maxQueued?: number; batchSize?: number } = {}): { chain: AuditChain; outbox: AuditOutbox } => {
    const chain = AuditChain.open(dir.file('audit.jsonl'), { fsync: 'never' });
    return { chain, outbox: new AuditOutbox({ chain, backoff: { initialMs: 100, maxMs: 1000, random: () => 1 }, ...options }) };
  };

  it('sends in batches, and keeps what it could not send until the hub is back, backing off meanwhile', async () => {
    const { chain, outbox } = open({ batchSize: 2 });
    for (let n = 1; n <= 3; n += 1) outbox.record(action(n));
    hub.down = true;
    const failures = [
      await outbox.flush(hub.send),
      await outbox.flush(hub.send),
      await outbox.flush(hub.send),
      await outbox.flush(hub.send),
      await outbox.flush(hub.send),
    ];
    assert.deepEqual(
      failures.map((result) => result.retryInMs),
      [100, 200, 400, 800, 1000],
    );
    assert.ok(failures.every((result) => result.sent === 0 && result.pending === 3 && result.error === 'connect ECONNREFUSED'));
    outbox.record(action(4));
    hub.down = false;
    assert.deepEqual(await outbox.flush(hub.send), { sent: 4, pending: 0 });
    assert.deepEqual(hub.heldSeqs(), seqs(1, 4));
    assert.equal(outbox.acknowledged, 4);
    // Back to the shortest delay after a success.
    hub.down = true;
    outbox.record(action(5));
    assert.equal((await outbox.flush(hub.send)).retryInMs, 100);
    chain.close();
  });

  it('loses nothing across a restart: resends from the last acknowledged seq, read back from the chain file', async () => {
    const first = open();
    for (let n = 1; n <= 3; n += 1) first.outbox.record(action(n));
    assert.equal((await first.outbox.flush(hub.send)).sent, 3);
    hub.down = true;
    for (let n = 4; n <= 6; n += 1) first.outbox.record(action(n));
    assert.equal((await first.outbox.flush(hub.send)).pending, 3);
    first.chain.close();

    const second = open();
    assert.equal(second.outbox.acknowledged, 3);
    assert.equal(second.outbox.pending, 3);
    second.outbox.record(action(7));
    hub.down = false;
    assert.deepEqual(await second.outbox.flush(hub.send), { sent: 4, pending: 0 });
    assert.deepEqual(hub.heldSeqs(), seqs(1, 7));
    second.chain.close();
  });

  it('reads back from the file what no longer fits in memory', async () => {
    const { chain, outbox } = open({ maxQueued: 2, batchSize: 3 });
    hub.down = true;
    for (let n = 1; n <= 10; n += 1) outbox.record(action(n));
    await outbox.flush(hub.send);
    hub.down = false;
    assert.deepEqual(await outbox.flush(hub.send), { sent: 10, pending: 0 });
    assert.deepEqual(hub.heldSeqs(), seqs(1, 10));
    chain.close();
  });

  it('resends everything when the ack file is lost, and the hub keeps each entry once', async () => {
    const first = open();
    for (let n = 1; n <= 3; n += 1) first.outbox.record(action(n));
    await first.outbox.flush(hub.send);
    first.chain.close();
    assert.deepEqual(JSON.parse(readFileSync(dir.file('audit.jsonl.ack'), 'utf8')), { chain: first.chain.chainId, seq: 3 });
    unlinkSync(dir.file('audit.jsonl.ack'));
    const second = open();
    assert.deepEqual(await second.outbox.flush(hub.send), { sent: 3, pending: 0 });
    assert.deepEqual(hub.heldSeqs(), seqs(1, 3));
    second.chain.close();
  });

  it('reports an entry the hub refuses and does not resend it', async () => {
    const { chain } = open();
    const refused: string[] = [];
    const strict = new AuditOutbox({ chain, onRefused: (entry, refusal) => refused.push(`${entry.seq}:${refusal.code}`) });
    strict.record(action(1));
    strict.record(action(2, { target: { owner: 'ocean_stage', workflow: 'tides' } }));
    strict.record(action(3));
    assert.deepEqual(await strict.flush(hub.send), { sent: 3, pending: 0 });
    assert.deepEqual(refused, ['2:wrong-owner']);
    assert.deepEqual(hub.heldSeqs(), ['1', '3']);
    assert.equal(strict.pending, 0);
    chain.close();
  });

  it('flushes in the background, retrying until the hub is back', async () => {
    const { chain } = open();
    let failuresLeft = 2;
    const flaky: SendBatch = (batch) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return Promise.reject(new Error('hub-service down'));
      }
      return hub.send(batch);
    };
    const background = new AuditOutbox({ chain, backoff: { initialMs: 5, maxMs: 20 } });
    background.start(flaky, 10_000);
    for (let n = 1; n <= 3; n += 1) background.record(action(n));
    for (let wait = 0; background.pending > 0 && wait < 200; wait += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await background.stop();
    assert.equal(failuresLeft, 0);
    assert.deepEqual(hub.heldSeqs(), seqs(1, 3));
    assert.equal(background.pending, 0);
    chain.close();
  });
});
