import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadRoleProvider } from '@isobar/core';
import type { RoleProviderContext } from '@isobar/core';
import createDefault, { createRoleProvider, createUnixRoleProvider, groupNamesOf, parseGroupTable } from '../src/index';

const CONTEXT: RoleProviderContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'roles.options' };

const GROUP = [
  '# local groups',
  'root:x:0:',
  'isobar:x:995:',
  'jacintar:x:1001:',
  'forecasters:x:2001:jacintar,alice',
  'atmosphere-ops:x:2002:jacintar',
  'oceans-ops:x:2003:bob, alice',
  'alias:x:2001:bob',
  '+nisgroup',
  'broken line',
  '',
].join('\n');

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'jacintar:x:1001:1001::/home/jacintar:/bin/bash',
  'alice:x:1004:2001::/home/alice:/bin/bash',
  'bob:x:1005:9999::/home/bob:/bin/bash',
  '',
].join('\n');

describe('roles-unix: parsing', () => {
  const table = parseGroupTable(GROUP, PASSWD);

  it('gives the primary group first, then supplementary ones, each once', () => {
    assert.deepEqual(groupNamesOf(table, 'jacintar'), ['jacintar', 'forecasters', 'atmosphere-ops']);
    // alice's primary gid is forecasters' own; it is not repeated.
    assert.deepEqual(groupNamesOf(table, 'alice'), ['forecasters', 'oceans-ops']);
  });

  it('skips a primary gid with no group and keeps the first name of a shared gid', () => {
    assert.deepEqual(groupNamesOf(table, 'bob'), ['oceans-ops', 'alias']);
    assert.equal(table.nameByGid.get('2001'), 'forecasters');
  });

  it('gives nothing for an unknown person, comments, NIS entries or broken lines', () => {
    assert.deepEqual(groupNamesOf(table, 'nobody-here'), []);
    assert.deepEqual(groupNamesOf(table, '+nisgroup'), []);
    assert.deepEqual(groupNamesOf(table, ''), []);
    assert.equal([...table.nameByGid.values()].includes('broken line'), false);
  });

  it('reads CRLF files', () => {
    const crlf = parseGroupTable(GROUP.replace(/\n/g, '\r\n'), PASSWD.replace(/\n/g, '\r\n'));
    assert.deepEqual(groupNamesOf(crlf, 'jacintar'), ['jacintar', 'forecasters', 'atmosphere-ops']);
  });
});

describe('roles-unix: provider', () => {
  let dir: string;
  let groupFile: string;
  let passwdFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobar-roles-unix-'));
    groupFile = join(dir, 'group');
    passwdFile = join(dir, 'passwd');
    writeFileSync(groupFile, GROUP);
    writeFileSync(passwdFile, PASSWD);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the factory as default and createRoleProvider', () => {
    assert.equal(createDefault, createRoleProvider);
    assert.equal(createRoleProvider({ groupFile, passwdFile }, CONTEXT).name, '@isobar/roles-unix');
  });

  it('answers group:<name> roles, or another prefix', async () => {
    const provider = createRoleProvider({ groupFile, passwdFile }, CONTEXT);
    assert.deepEqual(await provider.rolesOf('jacintar'), { roles: ['group:jacintar', 'group:forecasters', 'group:atmosphere-ops'] });
    assert.deepEqual(await provider.rolesOf('nobody-here'), { roles: [] });
    const unprefixed = createRoleProvider({ groupFile, passwdFile, prefix: 'unix:' }, CONTEXT);
    assert.deepEqual(await unprefixed.rolesOf('bob'), { roles: ['unix:oceans-ops', 'unix:alias'] });
  });

  it('reuses the parsed files for cacheSeconds, then reads them again', async () => {
    let clock = 1_000_000;
    const provider = createUnixRoleProvider({ groupFile, passwdFile, cacheSeconds: 10 }, CONTEXT, { now: () => clock });
    assert.deepEqual((await provider.rolesOf('bob')).roles, ['group:oceans-ops', 'group:alias']);
    writeFileSync(groupFile, 'oceans-ops:x:2003:alice\n');
    clock += 9_000;
    assert.deepEqual((await provider.rolesOf('bob')).roles, ['group:oceans-ops', 'group:alias'], 'still cached');
    clock += 2_000;
    assert.deepEqual((await provider.rolesOf('bob')).roles, [], 'read again after 10 s');
  });

  it('reads the files on every lookup with cacheSeconds 0', async () => {
    const provider = createRoleProvider({ groupFile, passwdFile, cacheSeconds: 0 }, CONTEXT);
    assert.deepEqual((await provider.rolesOf('alice')).roles, ['group:forecasters', 'group:oceans-ops']);
    writeFileSync(groupFile, 'ops:x:3000:alice\n');
    assert.deepEqual((await provider.rolesOf('alice')).roles, ['group:ops']);
  });

  it('fails to no roles with an error when a file disappears, and recovers', async () => {
    const provider = createRoleProvider({ groupFile, passwdFile, cacheSeconds: 0 }, CONTEXT);
    unlinkSync(groupFile);
    const failed = await provider.rolesOf('jacintar');
    assert.deepEqual(failed.roles, []);
    assert.ok('error' in failed);
    assert.match(failed.error, /^unix groups unavailable: ENOENT.*group/);
    writeFileSync(groupFile, GROUP);
    assert.equal((await provider.rolesOf('jacintar')).roles.length, 3);
  });

  it('validates its options, naming the key', () => {
    const fails = (options: unknown, pattern: RegExp) =>
      assert.throws(
        () => createRoleProvider(options, CONTEXT),
        (err: unknown) => err instanceof ConfigError && pattern.test(err.message),
      );
    fails(
      { groupFile: 'etc/group' },
      /^\/etc\/isobar\/site\.yaml: roles\.options\.groupFile: expected an absolute path, got "etc\/group"$/,
    );
    fails({ passwdFile: join(dir, 'nope') }, /roles\.options\.passwdFile: cannot read .*nope \(ENOENT\)/);
    fails({ groupFile, passwdFile, cacheSeconds: -1 }, /roles\.options\.cacheSeconds: expected a number of seconds >= 0, got -1/);
    fails({ groupFile, passwdFile, prefix: 3 }, /roles\.options\.prefix: expected a string, got 3/);
    fails({ groupFil: groupFile }, /roles\.options\.groupFil: unknown option; did you mean "groupFile"\?/);
    fails('x', /roles\.options: expected a mapping, got "x"/);
  });
});

describe('roles-unix on this machine', () => {
  it("gives root's groups from /etc/group and /etc/passwd, as id(1) does", async () => {
    const provider = createRoleProvider(null, CONTEXT);
    const lookup = await provider.rolesOf('root');
    assert.equal('error' in lookup, false);
    assert.equal(lookup.roles[0], 'group:root');
    const expected = execFileSync('id', ['-Gn', 'root'], { encoding: 'utf8' }).trim().split(/\s+/);
    assert.deepEqual(new Set(lookup.roles), new Set(expected.map((name) => `group:${name}`)));
  });

  it('loads through the core loader by short name and package name', async () => {
    for (const name of ['unix', '@isobar/roles-unix']) {
      const provider = loadRoleProvider(name, {}, CONTEXT);
      assert.equal(provider.name, '@isobar/roles-unix');
      assert.ok((await provider.rolesOf('root')).roles.includes('group:root'));
    }
  });
});
