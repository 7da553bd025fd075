import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, appendFileSync, symlinkSync } from 'node:fs';
import { AuditChain, ChainError } from '../../src/audit/chain';
import { entryHash, GENESIS_HASH } from '../../src/audit/entry';
import { verifyChain } from '../../src/audit/verify-chain';
import { action, TempDir } from './helpers';

function writeChain(file: string, count: number): void {
  const chain = AuditChain.open(file, { fsync: 'never' });
  for (let n = 1; n <= count; n += 1) chain.append(action(n));
  chain.close();
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

function rewrite(file: string, edit: (lines: string[]) => string[]): void {
  writeFileSync(file, `${edit(lines(file)).join('\n')}\n`);
}

describe('audit: the hash chain', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it('writes one JSON line per record, chained from the genesis hash, in a 0600 file', async () => {
    const file = dir.file('audit.jsonl');
    writeChain(file, 3);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const entries = lines(file).map((line) => JSON.parse(line) as { seq: number; prev: string; hash: string });
    assert.deepEqual(
      entries.map((entry) => entry.seq),
      [1, 2, 3],
    );
    assert.equal(entries[0]?.prev, GENESIS_HASH);
    assert.equal(entries[1]?.prev, entries[0]?.hash);
    assert.equal(entries[2]?.prev, entries[1]?.hash);
    assert.equal(entries[0]?.hash, entryHash(GENESIS_HASH, 1, action(1)));
    assert.deepEqual(await verifyChain(file), { ok: true, records: 3, lastSeq: 3, lastHash: entries[2]?.hash });
  });

  it('resumes after a restart from the last line, and keeps its id', async () => {
    const file = dir.file('audit.jsonl');
    const first = AuditChain.open(file, { fsync: 'never' });
    first.append(action(1));
    const second = first.append(action(2));
    const id = first.chainId;
    first.close();
    const reopened = AuditChain.open(file);
    assert.deepEqual(reopened.head, { seq: 2, hash: second.hash });
    assert.equal(reopened.chainId, id);
    const third = reopened.append(action(3));
    reopened.close();
    assert.equal(third.seq, 3);
    assert.equal(third.prev, second.hash);
    assert.equal((await verifyChain(file)).ok, true);
  });

  it('cuts off a line a crash left half-written, and carries on', async () => {
    const file = dir.file('audit.jsonl');
    writeChain(file, 2);
    appendFileSync(file, '{"seq":3,"prev":"ab');
    const chain = AuditChain.open(file, { fsync: 'never' });
    assert.equal(chain.truncatedBytes, 19);
    assert.equal(chain.append(action(3)).seq, 3);
    chain.close();
    assert.deepEqual((await verifyChain(file)).ok, true);
  });

  it('refuses to extend a chain whose last line is broken, or to follow a symlink', () => {
    const file = dir.file('audit.jsonl');
    writeChain(file, 2);
    rewrite(file, (all) => [all[0] ?? '', (all[1] ?? '').replace('jacintar', 'mallory')]);
    assert.throws(() => AuditChain.open(file), ChainError);
    const link = dir.file('link.jsonl');
    symlinkSync(file, link);
    assert.throws(() => AuditChain.open(link), /ELOOP/);
  });

  it('tightens the mode of an existing file', () => {
    const file = dir.file('audit.jsonl');
    writeFileSync(file, '', { mode: 0o644 });
    AuditChain.open(file).close();
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('refuses a record that is not one', () => {
    const chain = AuditChain.open(dir.file('audit.jsonl'), { fsync: 'never' });
    assert.throws(() => chain.append({ ...action(1), result: 'maybe' as 'ok' }), /result/);
    assert.throws(() => chain.append({ ...action(1), time: 'yesterday' }), /time/);
    assert.equal(chain.head.seq, 0);
    chain.close();
  });
});

describe('audit: verifyChain finds the first broken record', () => {
  let dir: TempDir;
  let file: string;
  beforeEach(() => {
    dir = new TempDir();
    file = dir.file('audit.jsonl');
    writeChain(file, 5);
  });
  afterEach(() => dir.remove());

  it('an edited line', async () => {
    rewrite(file, (all) => all.map((line, index) => (index === 2 ? line.replace('"person":"jacintar"', '"person":"bob"') : line)));
    assert.deepEqual(await verifyChain(file), {
      ok: false,
      line: 3,
      seq: 3,
      why: 'hash-mismatch',
      message: 'the record does not match its hash',
    });
  });

  it('an edited line whose hash was recomputed', async () => {
    rewrite(file, (all) =>
      all.map((line, index) => {
        if (index !== 1) return line;
        const entry = JSON.parse(line) as { seq: number; prev: string; hash: string; record: ReturnType<typeof action> };
        const record = { ...entry.record, person: 'bob' };
        return JSON.stringify({ ...entry, record, hash: entryHash(entry.prev, entry.seq, record) });
      }),
    );
    const verdict = await verifyChain(file);
    assert.equal(verdict.ok, false);
    assert.ok(!verdict.ok && verdict.line === 3 && verdict.why === 'prev-mismatch');
  });

  it('a field added to a record', async () => {
    rewrite(file, (all) => all.map((line, index) => (index === 0 ? line.replace('"person":', '"note":"x","person":') : line)));
    const verdict = await verifyChain(file);
    assert.ok(!verdict.ok && verdict.line === 1 && verdict.why === 'unparsable', JSON.stringify(verdict));
  });

  it('a deleted line', async () => {
    rewrite(file, (all) => all.filter((_, index) => index !== 3));
    assert.deepEqual(await verifyChain(file), { ok: false, line: 4, seq: 5, why: 'seq-gap', message: 'expected seq 4, found 5' });
  });

  it('reordered lines', async () => {
    rewrite(file, (all) => [all[0] ?? '', all[2] ?? '', all[1] ?? '', all[3] ?? '', all[4] ?? '']);
    assert.deepEqual(await verifyChain(file), { ok: false, line: 2, seq: 3, why: 'seq-gap', message: 'expected seq 2, found 3' });
  });

  it('a renumbered line', async () => {
    rewrite(file, (all) => [all[0] ?? '', all[1] ?? '', all[3] ?? '', (all[2] ?? '').replace('"seq":3', '"seq":4'), all[4] ?? '']);
    const verdict = await verifyChain(file);
    assert.ok(!verdict.ok && verdict.line === 3 && verdict.why === 'seq-gap');
  });

  it('an unparsable line', async () => {
    rewrite(file, (all) => all.map((line, index) => (index === 1 ? line.slice(0, 40) : line)));
    const verdict = await verifyChain(file);
    assert.ok(!verdict.ok && verdict.line === 2 && verdict.seq === 2 && verdict.why === 'unparsable');
  });

  it('lines cut off the end, given the hub’s last seq', async () => {
    rewrite(file, (all) => all.slice(0, 3));
    assert.equal((await verifyChain(file)).ok, true);
    const verdict = await verifyChain(file, { expectLastSeq: 5 });
    assert.ok(!verdict.ok && verdict.line === 4 && verdict.seq === 4 && verdict.why === 'truncated');
  });
});
