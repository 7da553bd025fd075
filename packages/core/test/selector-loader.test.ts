import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PluginError } from '../src/errors';
import type { HostCandidate, SelectorContext } from '../src/selector';
import { loadSelector } from '../src/selector-loader';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };
const REQUEST = { user: 'alice', serverName: '' };

const CANDIDATES: readonly HostCandidate[] = ['host-a', 'host-b', 'host-c'].map((name, i) => ({
  name,
  address: `127.0.0.${i + 2}`,
  pending: i,
  metrics: {
    load1: 1 + i,
    load5: 1,
    load15: 1,
    cpus: 4,
    memAvailableBytes: (8 - i) * 1024 ** 3,
    memTotalBytes: 16 * 1024 ** 3,
    uiservers: 3 - i,
  },
}));

function pluginError(code: PluginError['code'], pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof PluginError, `expected a PluginError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  };
}

describe('selector loader with the built-in plugins', () => {
  const builtins: [string, string, boolean][] = [
    ['random', '@isobar/selector-random', false],
    ['round-robin', '@isobar/selector-round-robin', false],
    ['least-loaded', '@isobar/selector-least-loaded', true],
    ['ranking', '@isobar/selector-ranking', true],
  ];

  for (const [short, packageName, needsMetrics] of builtins) {
    it(`loads ${short} by short name and by package name`, async () => {
      for (const plugin of [short, packageName]) {
        const selector = loadSelector(plugin, {}, CONTEXT);
        assert.equal(selector.name, packageName);
        assert.equal(selector.needsMetrics, needsMetrics);
        const order = await selector.order(CANDIDATES, REQUEST);
        assert.equal(order.length, 3);
        assert.deepEqual(new Set(order), new Set(CANDIDATES));
      }
    });
  }

  it('orders as each plugin should', async () => {
    const names = async (plugin: string, options: unknown) =>
      (await loadSelector(plugin, options, CONTEXT).order(CANDIDATES, REQUEST)).map((h) => h.name);
    // servers: a 3+0, b 2+1, c 1+2 all equal; then load per CPU.
    assert.deepEqual(await names('least-loaded', {}), ['host-a', 'host-b', 'host-c']);
    assert.deepEqual(await names('ranking', { filters: ['load1 < 3'], rank: ['-pending'] }), ['host-b', 'host-a']);
    const roundRobin = loadSelector('round-robin', undefined, CONTEXT);
    await roundRobin.order(CANDIDATES, REQUEST);
    assert.equal((await roundRobin.order(CANDIDATES, REQUEST))[0]?.name, 'host-b');
  });

  it("passes a plugin's option errors through as ConfigError", () => {
    assert.throws(
      () => loadSelector('ranking', { filters: ['cpus >'] }, CONTEXT),
      (err: unknown) => err instanceof ConfigError && /selector\.options\.filters\[0\]/.test(err.message),
    );
    assert.throws(() => loadSelector('random', { seed: 'x' }, CONTEXT), ConfigError);
  });

  it('names the plugin, the config key and the known plugins when it is not installed', () => {
    assert.throws(
      () => loadSelector('least-loded', {}, CONTEXT),
      pluginError(
        'PLUGIN_UNKNOWN',
        new RegExp(
          '^unknown selector plugin "least-loded" \\(selector\\.plugin in /etc/isobar/site\\.yaml\\); known: ' +
            'random \\(@isobar/selector-random\\), round-robin \\(@isobar/selector-round-robin\\), ' +
            'least-loaded \\(@isobar/selector-least-loaded\\), ranking \\(@isobar/selector-ranking\\)$',
        ),
      ),
    );
    assert.throws(
      () => loadSelector('@example/no-such-selector', {}, CONTEXT),
      pluginError('PLUGIN_UNKNOWN', /"@example\/no-such-selector"/),
    );
  });
});

describe('selector loader with broken plugins', () => {
  let root: string;
  let paths: string[];

  /** Writes a package into a throwaway node_modules. */
  function makePackage(name: string, files: Record<string, string>, main = 'index.js'): void {
    const dir = join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main }));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  }

  const GOOD = "{ name: 'fixture', needsMetrics: false, order: async (c) => [...c] }";

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'isobar-loader-'));
    paths = [root];
    makePackage('fixture-missing-dep', { 'index.js': "require('isobar-fixture-not-installed');\nexports.default = () => null;\n" });
    makePackage('fixture-throws', { 'index.js': "throw new Error('boom at load');\n" });
    makePackage('fixture-unbuilt', {}, 'dist/index.js');
    makePackage('fixture-no-factory', { 'index.js': 'exports.selector = 1;\n' });
    makePackage('fixture-bad-selector', { 'index.js': "exports.default = () => ({ name: '', needsMetrics: 'yes' });\n" });
    makePackage('fixture-factory-crashes', { 'index.js': "exports.createSelector = () => { throw new TypeError('oops'); };\n" });
    makePackage('fixture-named-factory', {
      'index.js': `exports.createSelector = (options, context) => ({ ...${GOOD}, options, context });\n`,
    });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('tells a missing dependency of the plugin apart from a missing plugin', () => {
    assert.throws(
      () => loadSelector('fixture-missing-dep', {}, CONTEXT, { paths }),
      pluginError(
        'PLUGIN_BROKEN',
        /^selector plugin "fixture-missing-dep" \(selector\.plugin in \/etc\/isobar\/site\.yaml\) cannot load one of its own dependencies: Cannot find module 'isobar-fixture-not-installed'/,
      ),
    );
  });

  it('reports a plugin that throws while loading, keeping the cause', () => {
    assert.throws(
      () => loadSelector('fixture-throws', {}, CONTEXT, { paths }),
      (err: unknown) =>
        pluginError('PLUGIN_BROKEN', /threw while loading: boom at load$/)(err) &&
        err instanceof Error &&
        err.cause instanceof Error &&
        err.cause.message === 'boom at load',
    );
  });

  it('reports an installed but unbuilt plugin as broken, not unknown', () => {
    assert.throws(
      () => loadSelector('fixture-unbuilt', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /is installed but cannot be resolved \(is it built\?\)/),
    );
  });

  it('reports a module without a factory', () => {
    assert.throws(
      () => loadSelector('fixture-no-factory', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /exports no selector factory: expected a function as its default or createSelector export$/),
    );
  });

  it('checks what the factory returns', () => {
    assert.throws(
      () => loadSelector('fixture-bad-selector', {}, CONTEXT, { paths }),
      pluginError(
        'PLUGIN_BROKEN',
        /returned an invalid selector: name is not a non-empty string; needsMetrics is not a boolean; order is not a function$/,
      ),
    );
  });

  it('reports a factory that crashes', () => {
    assert.throws(
      () => loadSelector('fixture-factory-crashes', {}, CONTEXT, { paths }),
      pluginError('PLUGIN_BROKEN', /failed to create a selector: oops$/),
    );
  });

  it('uses a createSelector export, passing options and context', () => {
    const selector = loadSelector('fixture-named-factory', { x: 1 }, CONTEXT, { paths, pluginKey: 'site.selector.plugin' });
    const extra = selector as unknown as { options: unknown; context: unknown };
    assert.equal(selector.name, 'fixture');
    assert.deepEqual(extra.options, { x: 1 });
    assert.deepEqual(extra.context, CONTEXT);
  });

  it('uses the given config key in messages', () => {
    assert.throws(
      () => loadSelector('fixture-nope', {}, CONTEXT, { paths, pluginKey: 'spawner.selector' }),
      pluginError('PLUGIN_UNKNOWN', /\(spawner\.selector in \/etc\/isobar\/site\.yaml\)/),
    );
  });
});
