/**
 * Against the test bed's real OpenLDAP slapd (test/bed/ldap.sh, run as root):
 * the directory's groups are forecasters (jacintar, alice), atmosphere-ops
 * (jacintar) and oceans-ops (bob). The bed is left as it was found.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RoleLookup, RoleProvider, RoleProviderContext } from '@isobar/core';
import { createRoleProvider } from '../src/index';

const REPO = resolve(__dirname, '../../../..');
const LDAP_SH = join(REPO, 'test/bed/ldap.sh');
const PIDFILE = '/var/lib/isobar-ldap/run/slapd.pid';
const CONTEXT: RoleProviderContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'roles.options' };

const BED = {
  url: 'ldap://127.0.0.1:3389',
  bindDN: 'cn=isobar-reader,dc=isobar,dc=test',
  bindPasswordFile: '/etc/isobar/ldap-reader.secret',
  base: 'ou=groups,dc=isobar,dc=test',
  connectTimeoutMs: 500,
  timeoutMs: 1000,
};

function bed(action: 'start' | 'stop' | 'status'): string {
  return execFileSync('bash', [LDAP_SH, action], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function errorOf(lookup: RoleLookup): string {
  assert.deepEqual(lookup.roles, []);
  assert.ok('error' in lookup, `expected an error, got ${JSON.stringify(lookup)}`);
  return lookup.error;
}

async function timed(provider: RoleProvider, person: string): Promise<{ lookup: RoleLookup; ms: number }> {
  const started = Date.now();
  const lookup = await provider.rolesOf(person);
  return { lookup, ms: Date.now() - started };
}

describe('roles-ldap against the test bed slapd', function () {
  this.timeout(20_000);
  let wasUp = false;
  let dir: string;

  before(function () {
    // The first run installs slapd from Debian.
    this.timeout(300_000);
    assert.equal(process.geteuid?.(), 0, 'these tests drive the test bed: run them as root');
    wasUp = bed('status').includes(' up');
    bed('start');
    dir = mkdtempSync(join(tmpdir(), 'isobar-ldap-bed-'));
  });

  after(function () {
    this.timeout(60_000);
    if (wasUp) bed('start');
    else bed('stop');
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the groups of jacintar, bob and nobody', async () => {
    const provider = createRoleProvider(BED, CONTEXT);
    assert.deepEqual(await provider.rolesOf('jacintar'), { roles: ['group:forecasters', 'group:atmosphere-ops'] });
    assert.deepEqual(await provider.rolesOf('bob'), { roles: ['group:oceans-ops'] });
    assert.deepEqual(await provider.rolesOf('alice'), { roles: ['group:forecasters'] });
    assert.deepEqual(await provider.rolesOf('nobody'), { roles: [] });
    assert.deepEqual(await provider.rolesOf('*'), { roles: [] }, 'a wildcard name matches nothing');
  });

  it('works over StartTLS with the bed CA, and refuses the certificate without it', async () => {
    const trusted = createRoleProvider({ ...BED, tls: { startTLS: true, caFile: '/var/lib/isobar-ldap/tls/ca.crt' } }, CONTEXT);
    assert.deepEqual(await trusted.rolesOf('bob'), { roles: ['group:oceans-ops'] });
    const untrusted = createRoleProvider({ ...BED, tls: { startTLS: true } }, CONTEXT);
    assert.match(errorOf(await untrusted.rolesOf('bob')), /^LDAP TLS failed: .*certificate/);
  });

  it('gives no roles and an error for a wrong bind password', async () => {
    const wrong = join(dir, 'wrong.secret');
    writeFileSync(wrong, 'not-the-password\n');
    chmodSync(wrong, 0o600);
    const provider = createRoleProvider({ ...BED, bindPasswordFile: wrong }, CONTEXT);
    assert.equal(
      errorOf(await provider.rolesOf('jacintar')),
      'LDAP bind refused for cn=isobar-reader,dc=isobar,dc=test: invalid credentials',
    );
  });

  it('gives no roles and an error for an anonymous lookup, which the bed does not allow to read', async () => {
    const provider = createRoleProvider({ url: BED.url, base: BED.base }, CONTEXT);
    assert.match(errorOf(await provider.rolesOf('jacintar')), /^LDAP error from .*no such object \(result code 32\)$/);
  });

  it('gives up within the timeout when slapd hangs', async () => {
    const pid = Number(readFileSync(PIDFILE, 'utf8').trim());
    const provider = createRoleProvider({ ...BED, timeoutMs: 400 }, CONTEXT);
    process.kill(pid, 'SIGSTOP');
    try {
      const { lookup, ms } = await timed(provider, 'jacintar');
      assert.match(errorOf(lookup), /^LDAP timed out: /);
      assert.ok(ms < 1500, `answered after ${ms} ms`);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    assert.deepEqual((await createRoleProvider(BED, CONTEXT).rolesOf('bob')).roles, ['group:oceans-ops']);
  });

  it('caches answers, reports a stopped slapd within the timeout, caches that briefly, and recovers', async function () {
    this.timeout(40_000);
    const provider = createRoleProvider({ ...BED, cacheSeconds: 60, failureCacheSeconds: 1 }, CONTEXT);
    assert.deepEqual((await provider.rolesOf('jacintar')).roles, ['group:forecasters', 'group:atmosphere-ops']);

    bed('stop');
    assert.match(bed('status'), /down/);
    assert.throws(() => readFileSync(PIDFILE), /ENOENT/, 'stop removes the pid file');

    const cached = await timed(provider, 'jacintar');
    assert.deepEqual(cached.lookup, { roles: ['group:forecasters', 'group:atmosphere-ops'] }, 'a cached answer outlives the directory');
    const fresh = await timed(createRoleProvider(BED, CONTEXT), 'jacintar');
    assert.match(errorOf(fresh.lookup), /^LDAP unreachable: ldap:\/\/127\.0\.0\.1:3389: .*ECONNREFUSED/);
    assert.ok(fresh.ms < BED.connectTimeoutMs + BED.timeoutMs, `answered after ${fresh.ms} ms`);
    const failed = await provider.rolesOf('bob');
    assert.match(errorOf(failed), /^LDAP unreachable/);

    bed('start');
    assert.deepEqual(await provider.rolesOf('bob'), failed, 'the failure is kept for failureCacheSeconds');
    await new Promise((done) => setTimeout(done, 1100));
    assert.deepEqual(await provider.rolesOf('bob'), { roles: ['group:oceans-ops'] }, 'and asked again after it');
  });
});
