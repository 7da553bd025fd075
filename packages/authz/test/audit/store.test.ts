import assert from 'node:assert/strict';
import { AuditChain } from '../../src/audit/chain';
import { entryHash, type ChainEntry } from '../../src/audit/entry';
import { AuditStore } from '../../src/audit/store';
import { action, TempDir } from './helpers';

describe('audit: the central store', () => {
  let dir: TempDir;
  let store: AuditStore;
  let chain: AuditChain;
  let entries: ChainEntry[];
  let chainId: string;

  beforeEach(() => {
    dir = new TempDir();
    store = new AuditStore(dir.file('audit.sqlite'));
    chain = AuditChain.open(dir.file('audit.jsonl'), { fsync: 'never' });
    entries = [1, 2, 3].map((n) => chain.append(action(n)));
    chainId = chain.chainId ?? '';
  });
  afterEach(() => {
    chain.close();
    store.close();
    dir.remove();
  });

  it('keeps entries from the owner they are about, once', () => {
    assert.deepEqual(
      store.acceptBatch('atmosphere_stage', { chain: chainId, entries }).map((result) => result.accepted),
      [true, true, true],
    );
    assert.deepEqual(store.accept('atmosphere_stage', chainId, entries[1]), { accepted: true, seq: 2, duplicate: true });
    assert.equal(store.query({ limit: 100 }).length, 3);
    assert.equal(store.lastSeq('atmosphere_stage', chainId), 3);
  });

  it('refuses a record about another owner’s workflows', () => {
    const theirs = AuditChain.open(dir.file('ocean.jsonl'), { fsync: 'never' });
    const entry = theirs.append(action(1, { target: { owner: 'ocean_stage', workflow: 'tides' } }));
    theirs.close();
    const result = store.accept('atmosphere_stage', theirs.chainId ?? '', entry);
    assert.equal(result.accepted, false);
    assert.ok(!result.accepted && result.code === 'wrong-owner');
    assert.equal(store.accept('*', chainId, entries[0]).accepted, false);
    assert.equal(store.query({ limit: 10 }).length, 0);
  });

  it('refuses an entry whose hash does not match, one that contradicts what was received, or one that does not follow', () => {
    const first = entries[0];
    const second = entries[1];
    assert.ok(first && second);
    store.acceptBatch('atmosphere_stage', { chain: chainId, entries: [first, second] });
    const edited = { ...first, record: { ...first.record, person: 'bob' } };
    assert.deepEqual(codeOf(store.accept('atmosphere_stage', chainId, edited)), 'bad-hash');
    const rewritten = { ...edited, hash: entryHash(edited.prev, 1, edited.record) };
    assert.deepEqual(codeOf(store.accept('atmosphere_stage', chainId, rewritten)), 'invalid');
    const rehashedSecond = { ...second, record: { ...second.record, person: 'bob' } };
    assert.deepEqual(
      codeOf(store.accept('atmosphere_stage', chainId, { ...rehashedSecond, hash: entryHash(second.prev, 2, rehashedSecond.record) })),
      'conflict',
    );
    const stray = { seq: 3, prev: 'f'.repeat(64), record: action(3) };
    assert.deepEqual(
      codeOf(store.accept('atmosphere_stage', chainId, { ...stray, hash: entryHash(stray.prev, 3, stray.record) })),
      'prev-mismatch',
    );
    assert.deepEqual(codeOf(store.accept('atmosphere_stage', chainId, { seq: 'x' })), 'invalid');
  });

  it('queries by person, owner, workflow and time, newest first', () => {
    store.acceptBatch('atmosphere_stage', { chain: chainId, entries });
    store.recordOwn(action(0, { operation: 'raise', target: { owner: '*' } }));
    store.recordOwn(action(9, { person: 'bob', operation: 'raise', target: { owner: '*' } }));
    const times = (rows: { record: { time: string } }[]): string[] => rows.map((row) => row.record.time.slice(17, 19));
    assert.deepEqual(times(store.query({ person: 'jacintar', limit: 10 })), ['03', '02', '01', '00']);
    assert.deepEqual(times(store.query({ owner: 'atmosphere_stage', workflow: 'clouds', limit: 2 })), ['03', '02']);
    assert.deepEqual(times(store.query({ owner: 'ocean_stage', limit: 10 })), []);
    const since = new Date('2026-11-26T10:00:01Z');
    const until = new Date('2026-11-26T10:00:03Z');
    assert.deepEqual(times(store.query({ since, until, limit: 10 })), ['02', '01']);
    const own = store.query({ person: 'bob', limit: 1 })[0];
    assert.equal(own?.sender, undefined);
    assert.equal(own?.record.operation, 'raise');
    const sent = store.query({ person: 'jacintar', limit: 1 })[0];
    assert.deepEqual([sent?.sender, sent?.seq, sent?.hash], ['atmosphere_stage', 3, entries[2]?.hash]);
    assert.deepEqual(sent?.record, entries[2]?.record);
    assert.throws(() => store.query({ limit: 0 }), /limit/);
  });

  it('tells a chain started afresh apart from a rewrite of the old one', () => {
    store.acceptBatch('atmosphere_stage', { chain: chainId, entries });
    const fresh = AuditChain.open(dir.file('fresh.jsonl'), { fsync: 'never' });
    const entry = fresh.append(action(7));
    fresh.close();
    assert.deepEqual(store.accept('atmosphere_stage', fresh.chainId ?? '', entry), { accepted: true, seq: 1, duplicate: false });
  });
});

function codeOf(result: ReturnType<AuditStore['accept']>): string {
  return result.accepted ? 'accepted' : result.code;
}
