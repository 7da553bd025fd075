import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteConfigExamplePath } from '../src/site-config';

// Compiled to dist/test/, next to dist/src/.
const CLI = join(__dirname, '..', 'src', 'cli', 'check-site-config.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('isobar-check-config', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the normalised config as JSON and exits 0', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'hosts:\n  - {name: host-a, address: 127.0.0.2}\n');
    const result = run(file);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const config = JSON.parse(result.stdout) as { hub: { hubPort: number }; hosts: unknown[] };
    assert.equal(config.hub.hubPort, 8081);
    assert.deepEqual(config.hosts, [{ name: 'host-a', address: '127.0.0.2', port: 22 }]);
  });

  it('accepts the example', () => {
    assert.equal(run(siteConfigExamplePath()).status, 0);
  });

  it('prints every problem on stderr and exits 2', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'hub:\n  hubPort: x\nhosts: []\n');
    const result = run(file);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `${file}:2:3: hub.hubPort: expected an integer from 1 to 65535, got "x"\n` +
        `${file}:3:1: hosts: expected at least one host, got an empty list\n`,
    );
  });

  it('loads the role providers, refusing an unknown plugin or bad options by key', () => {
    const good = join(dir, 'roles.yaml');
    writeFileSync(good, 'hosts:\n  - {name: host-a, address: 127.0.0.2}\nroles:\n  - plugin: unix\n    options: {cacheSeconds: 5}\n');
    const ok = run(good);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual((JSON.parse(ok.stdout) as { roles: unknown }).roles, [{ plugin: 'unix', options: { cacheSeconds: 5 } }]);

    const unknown = join(dir, 'unknown-role.yaml');
    writeFileSync(unknown, 'hosts:\n  - {name: host-a, address: 127.0.0.2}\nroles:\n  - plugin: unix\n  - plugin: kerberos\n');
    const refused = run(unknown);
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /roles\[1\]\.plugin/);
    assert.match(refused.stderr, /kerberos/);

    const badOptions = join(dir, 'bad-role-options.yaml');
    writeFileSync(
      badOptions,
      'hosts:\n  - {name: host-a, address: 127.0.0.2}\nroles:\n  - plugin: unix\n    options: {cacheSeconds: soon}\n',
    );
    const bad = run(badOptions);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /roles\[0\]\.options\.cacheSeconds/);
  });

  it('exits 2 for a missing file and for bad usage', () => {
    const missing = run(join(dir, 'none.yaml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /none\.yaml: cannot read the site config: no such file/);
    const usage = run();
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^usage: isobar-check-config FILE/);
  });
});
