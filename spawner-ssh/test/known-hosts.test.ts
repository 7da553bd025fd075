import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownHosts } from '../src/daemon/known-hosts';

describe('known_hosts checking', () => {
  const keyA = randomBytes(51);
  const keyB = randomBytes(51);
  const dir = mkdtempSync(join(tmpdir(), 'isobar-kh-'));

  function load(text: string): KnownHosts {
    const file = join(dir, `kh-${Math.random()}`);
    writeFileSync(file, text);
    return KnownHosts.load(file);
  }

  it('accepts the recorded key for a plain entry and refuses any other', () => {
    const kh = load(`# comment\n[127.0.0.2]:2222 ssh-ed25519 ${keyA.toString('base64')}\n`);
    assert.equal(kh.verify('127.0.0.2', 2222, keyA), true);
    assert.equal(kh.verify('127.0.0.2', 2222, keyB), false);
    assert.equal(kh.verify('127.0.0.2', 22, keyA), false, 'another port is another host');
    assert.equal(kh.verify('127.0.0.3', 2222, keyA), false);
  });

  it('uses the bare name for port 22 and matches comma-separated patterns', () => {
    const kh = load(`hostb,127.0.0.3 ssh-ed25519 ${keyA.toString('base64')}\n`);
    assert.equal(kh.verify('127.0.0.3', 22, keyA), true);
    assert.equal(kh.verify('hostb', 22, keyA), true);
  });

  it('matches hashed entries', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[127.0.0.4]:2222').digest('base64');
    const kh = load(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${keyB.toString('base64')}\n`);
    assert.equal(kh.verify('127.0.0.4', 2222, keyB), true);
    assert.equal(kh.verify('127.0.0.4', 2222, keyA), false);
    assert.equal(kh.hasHost('127.0.0.4', 2222), true);
    assert.equal(kh.hasHost('127.0.0.2', 2222), false);
  });

  it('fails clearly on a missing file', () => {
    assert.throws(() => KnownHosts.load(join(dir, 'nope')), /cannot read known_hosts file .*nope/);
  });
});
