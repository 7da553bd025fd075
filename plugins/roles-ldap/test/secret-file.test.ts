import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSecretFile, secretFileProblem } from '../src/secret-file';

describe('roles-ldap: bind password file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-ldap-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function secret(name: string, text: string, mode: number): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  }

  it('reads a private file, dropping one trailing newline', () => {
    assert.equal(readSecretFile(secret('a', 's3cret\n', 0o600)), 's3cret');
    assert.equal(readSecretFile(secret('b', ' two words \r\n', 0o640)), ' two words ');
    assert.equal(readSecretFile(secret('c', 'x', 0o400)), 'x');
  });

  it('refuses files others could read or change', () => {
    assert.throws(() => readSecretFile(secret('d', 'x', 0o644)), /is accessible to others \(mode 0644\); run chmod o-rwx on it$/);
    assert.throws(() => readSecretFile(secret('e', 'x', 0o602)), /is accessible to others \(mode 0602\)/);
    assert.throws(() => readSecretFile(secret('f', 'x', 0o660)), /is writable by its group \(mode 0660\); run chmod g-w on it$/);
  });

  it('refuses a file owned by another account', () => {
    assert.equal(secretFileProblem(0o100600, 0, 999), undefined);
    assert.equal(secretFileProblem(0o100600, 999, 999), undefined);
    assert.match(
      secretFileProblem(0o100600, 1001, 999) ?? '',
      /owned by uid 1001; it must belong to root or to the account running the hub/,
    );
  });

  it('refuses empty, missing and non-regular files', () => {
    assert.throws(() => readSecretFile(secret('h', '\n', 0o600)), /is empty$/);
    assert.throws(() => readSecretFile(join(dir, 'none')), /cannot read .*none \(ENOENT\)$/);
    const sub = join(dir, 'sub');
    mkdirSync(sub, { mode: 0o700 });
    assert.throws(() => readSecretFile(sub), /is not a regular file$/);
  });
});
