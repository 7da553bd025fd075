/** A bad site config stops the real hub at start with the file, line and key; a running hub is untouched. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { E2E_SITE, PUBLIC_URL } from '../lib/bed';
import { PREFIX } from '../lib/daemon';

function startHubWith(site: string): { status: number | null; output: string } {
  const r = spawnSync(
    'setpriv',
    ['--reuid', 'isobar', '--regid', 'isobar', '--init-groups', '/usr/bin/jupyterhub', '-f', `${PREFIX}/hub-config/jupyterhub_config.py`],
    {
      env: { PATH: '/usr/bin:/bin', HOME: '/var/lib/isobar', ISOBAR_SITE_CONFIG: site },
      cwd: '/var/lib/isobar',
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('site config errors stop the hub at start', function () {
  this.timeout(120_000);
  const good = () => readFileSync(E2E_SITE, 'utf8');

  it('an invalid value: the hub refuses to start and names the file, line and key', async () => {
    const file = '/etc/isobar/site-bad-port.yaml';
    const text = good().replace(/port: 2222/, 'port: twenty-two');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('twenty-two')) + 1;
    const r = startHubWith(file);
    assert.notEqual(r.status, 0);
    assert.match(r.output, new RegExp(`site-bad-port\\.yaml:${line}:\\d+: hosts\\[0\\]\\.port`), r.output);
    assert.equal((await fetch(`${PUBLIC_URL}/hub/api/`)).status, 200, 'the running hub is untouched');
  });

  it('an unknown key: refused, with the key named', () => {
    const file = '/etc/isobar/site-bad-key.yaml';
    writeFileSync(file, good().replace('uiserver:\n', 'uiserver:\n  idleTimout: 5\n'));
    const r = startHubWith(file);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /uiserver\.idleTimout/, r.output);
  });

  it('an unknown selector plugin: refused, listing the known ones', () => {
    const file = '/etc/isobar/site-bad-plugin.yaml';
    writeFileSync(file, good().replace(/plugin: .*/, 'plugin: nonesuch-balancer'));
    const r = startHubWith(file);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /unknown selector plugin "nonesuch-balancer"/, r.output);
    assert.match(r.output, /random.*round-robin.*least-loaded.*ranking/s, r.output);
  });

  it('a missing file: refused, naming it', () => {
    const r = startHubWith('/etc/isobar/no-such-site.yaml');
    assert.notEqual(r.status, 0);
    assert.match(r.output, /no-such-site\.yaml/);
  });
});
