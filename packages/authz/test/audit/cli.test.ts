import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditChain } from '../../src/audit/chain';
import { action, TempDir } from './helpers';

const CLI = join(__dirname, '..', '..', 'src', 'cli', 'audit-verify.js');

function run(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout + result.stderr };
}

describe('audit: the audit-verify command', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it('exits 0 for a sound chain and 1 naming the first broken line', () => {
    const file = dir.file('audit.jsonl');
    const chain = AuditChain.open(file, { fsync: 'never' });
    for (let n = 1; n <= 3; n += 1) chain.append(action(n));
    chain.close();
    const good = run(file);
    assert.equal(good.status, 0, good.stdout);
    assert.match(good.stdout, /: ok: 3 records, last hash [0-9a-f]{64}\n$/);

    writeFileSync(file, readFileSync(file, 'utf8').replace('"grant":"grant-2"', '"grant":"grant-9"'));
    const bad = run(file);
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, `${file}:2: seq 2: hash-mismatch: the record does not match its hash\n`);

    assert.equal(run(dir.file('missing.jsonl')).status, 1);
    assert.equal(run().status, 2);
  });
});
