import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PluginError } from '../src/errors';
import type { RoleProviderContext } from '../src/role-provider';
import { loadRoleProvider } from '../src/role-provider-loader';

const CONTEXT: RoleProviderContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'roles.providers[0].options' };

function pluginError(code: PluginError['code'], pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof PluginError, `expected a PluginError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  };
}

describe('role provider loader with the built-in plugins', () => {
  it('loads unix by short name and by package name', async () => {
    for (const plugin of ['unix', '@isobar/roles-unix']) {
      const provider = loadRoleProvider(plugin, {}, CONTEXT);
      assert.equal(provider.name, '@isobar/roles-unix');
      assert.ok((await provider.rolesOf('root')).roles.includes('group:root'));
    }
  });

  it('loads ldap by short name and by package name', () => {
    for (const plugin of ['ldap', '@isobar/roles-ldap']) {
      assert.equal(loadRoleProvider(plugin, { url: 'ldap://127.0.0.1:1', base: 'dc=x' }, CONTEXT).name, '@isobar/roles-ldap');
    }
  });

  it("passes a plugin's option errors through as ConfigError", () => {
    assert.throws(
      () => loadRoleProvider('ldap', { url: 'http://x', base: 'dc=x' }, CONTEXT),
      (err: unknown) => err instanceof ConfigError && /roles\.providers\[0\]\.options\.url: expected an ldap/.test(err.message),
    );
  });

  it('names the plugin, the config key and the known providers when it is not installed', () => {
    assert.throws(
      () => loadRoleProvider('ldpa', {}, CONTEXT),
      pluginError(
        'PLUGIN_UNKNOWN',
        /^unknown role provider "ldpa" \(roles\.plugin in \/etc\/isobar\/site\.yaml\); known: unix \(@isobar\/roles-unix\), ldap \(@isobar\/roles-ldap\)$/,
      ),
    );
  });

  it('defaults to the site config path and roles.options', () => {
    const saved = process.env.ISOBAR_SITE_CONFIG;
    process.env.ISOBAR_SITE_CONFIG = '/tmp/isobar-site.yaml';
    try {
      assert.throws(() => loadRoleProvider('nope', {}), pluginError('PLUGIN_UNKNOWN', /\(roles\.plugin in \/tmp\/isobar-site\.yaml\)/));
      assert.throws(
        () => loadRoleProvider('unix', { cacheSeconds: -1 }),
        (err: unknown) => err instanceof ConfigError && err.message.startsWith('/tmp/isobar-site.yaml: roles.options.cacheSeconds:'),
      );
    } finally {
      if (saved === undefined) delete process.env.ISOBAR_SITE_CONFIG;
      else process.env.ISOBAR_SITE_CONFIG = saved;
    }
  });
});

describe('role provider loader with fixture plugins', () => {
  let root: string;
  let paths: string[];

  function makePackage(name: string, files: Record<string, string>, main = 'index.js'): void {
    const dir = join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main }));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  }

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isobar-role-loader-'));
    paths = [root];
    makePackage('roles-fixture-missing-dep', { 'index.js': "require('isobar-fixture-not-installed');\n" });
    makePackage('roles-fixture-throws', { 'index.js': "throw new Error('boom at load');\n" });
    makePackage('roles-fixture-unbuilt', {}, 'dist/index.js');
    makePackage('roles-fixture-no-factory', { 'index.js': 'exports.provider = 1;\n' });
    makePackage('roles-fixture-bad', { 'index.js': "exports.default = () => ({ name: '' });\n" });
    makePackage('roles-fixture-crashes', { 'index.js': "exports.createRoleProvider = () => { throw new TypeError('oops'); };\n" });
    makePackage('roles-fixture-named', {
      'index.js': [
        'exports.createRoleProvider = (options, context) => ({',
        "  name: 'fixture', options, context,",
        '  rolesOf: async (person) => {',
        "    if (person === 'thrower') throw new Error('directory exploded');",
        "    if (person === 'liar') return { roles: ['group:admins'], error: 'half failed' };",
        "    if (person === 'garbage') return { roles: 'group:admins' };",
        "    if (person === 'numbers') return { roles: [1] };",
        "    if (person === 'echo') return { roles: [`option:${options.x}`, `key:${context.optionsKey}`] };",
        "    return { roles: ['group:a', 'group:b', 'group:a'] };",
        '  },',
        '});',
        '',
      ].join('\n'),
    });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('tells a broken plugin from a missing one', () => {
    assert.throws(
      () => loadRoleProvider('roles-fixture-missing-dep', {}, CONTEXT, { paths }),
      pluginError(
        'PLUGIN_BROKEN',
        /^role provider "roles-fixture-missing-dep" \(roles\.plugin in .*\) cannot load one of its own dependencies/,
      ),
    );
    assert.throws(
      () => loadRoleProvider('roles-fixture-throws', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /threw while loading: boom at load$/),
    );
    assert.throws(
      () => loadRoleProvider('roles-fixture-unbuilt', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /is installed but cannot be resolved \(is it built\?\)/),
    );
  });

  it('checks the factory and what it returns', () => {
    assert.throws(
      () => loadRoleProvider('roles-fixture-no-factory', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /exports no role provider factory: expected a function as its default or createRoleProvider export$/),
    );
    assert.throws(
      () => loadRoleProvider('roles-fixture-bad', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /returned an invalid role provider: name is not a non-empty string; rolesOf is not a function$/),
    );
    assert.throws(
      () => loadRoleProvider('roles-fixture-crashes', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /failed to create a role provider: oops$/),
    );
  });

  it('passes options and context, and uses the given config key in messages', async () => {
    const provider = loadRoleProvider('roles-fixture-named', { x: 1 }, CONTEXT, { paths, pluginKey: 'roles.providers[0].plugin' });
    assert.equal(provider.name, 'fixture');
    assert.deepEqual(await provider.rolesOf('echo'), { roles: ['option:1', 'key:roles.providers[0].options'] });
    assert.throws(
      () => loadRoleProvider('roles-fixture-nope', {}, CONTEXT, { paths, pluginKey: 'roles.providers[2].plugin' }),
      pluginError('PLUGIN_UNKNOWN', /\(roles\.providers\[2\]\.plugin in \/etc\/isobar\/site\.yaml\)/),
    );
  });

  it('guards lookups: never rejects, never grants on failure or nonsense, and removes duplicates', async () => {
    const provider = loadRoleProvider('roles-fixture-named', {}, CONTEXT, { paths });
    assert.deepEqual(await provider.rolesOf('alice'), { roles: ['group:a', 'group:b'] });
    assert.deepEqual(await provider.rolesOf('thrower'), { roles: [], error: 'fixture failed: directory exploded' });
    assert.deepEqual(await provider.rolesOf('liar'), { roles: [], error: 'half failed' });
    assert.deepEqual(await provider.rolesOf('garbage'), { roles: [], error: 'fixture gave an invalid answer: roles is not a list' });
    assert.deepEqual(await provider.rolesOf('numbers'), {
      roles: [],
      error: 'fixture gave an invalid answer: roles holds something other than non-empty strings',
    });
  });
});
