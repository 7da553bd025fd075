import assert from 'node:assert/strict';
import { ConfigError, GIB, sampleCandidate, sampleMetrics } from '@isobar/core';
import type { HostCandidate, SelectorContext } from '@isobar/core';
import createSelectorDefault, { createSelector } from '../src/index';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };
const REQUEST = { user: 'alice', serverName: '' };
const GB = GIB;
const metrics = sampleMetrics;
const host = sampleCandidate;

async function order(candidates: readonly HostCandidate[], options: unknown): Promise<string[]> {
  return (await createSelector(options, CONTEXT).order(candidates, REQUEST)).map((h) => h.name);
}

function configMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('selector-ranking', () => {
  const hosts = [
    host('a', metrics({ load1: 6, cpus: 4, memAvailableBytes: 1 * GB, uiservers: 1 })),
    host('b', metrics({ load1: 2, cpus: 8, memAvailableBytes: 12 * GB, uiservers: 4 })),
    host('c', metrics({ load1: 1, cpus: 2, memAvailableBytes: 6 * GB, uiservers: 2 })),
    host('d', undefined),
  ];

  it('exports the factory as default and createSelector, and needs metrics', () => {
    assert.equal(createSelectorDefault, createSelector);
    const selector = createSelector({}, CONTEXT);
    assert.equal(selector.name, '@isobar/selector-ranking');
    assert.equal(selector.needsMetrics, true);
  });

  it('keeps only hosts that pass every filter, and drops hosts without metrics', async () => {
    assert.deepEqual(await order(hosts, { filters: ['memAvailableBytes > 2G'], rank: [] }), ['b', 'c']);
    assert.deepEqual(await order(hosts, { filters: ['memAvailableBytes > 2G', 'loadPerCpu < 0.4'], rank: [] }), ['b']);
    assert.deepEqual(await order(hosts, { filters: ['not (cpus > 100)'], rank: [] }), ['a', 'b', 'c']);
  });

  it('returns no hosts when the filters drop them all', async () => {
    assert.deepEqual(await order(hosts, { filters: ['cpus > 64'] }), []);
    assert.deepEqual(await order([], { filters: ['cpus > 1'] }), []);
  });

  it('orders by the rank keys, ascending, negation for descending', async () => {
    assert.deepEqual(await order(hosts, { rank: ['loadPerCpu'] }), ['b', 'c', 'a', 'd']);
    assert.deepEqual(await order(hosts, { rank: ['-memAvailableBytes'] }), ['b', 'c', 'a', 'd']);
    assert.deepEqual(await order(hosts, { rank: ['memAvailableBytes'] }), ['a', 'c', 'b', 'd']);
    assert.deepEqual(await order(hosts, { rank: ['uiservers'] }), ['a', 'c', 'b', 'd']);
  });

  it('uses later keys to break ties, then the configured order', async () => {
    const tied = [
      host('p', metrics({ uiservers: 1, load1: 3 })),
      host('q', metrics({ uiservers: 1, load1: 2 })),
      host('r', metrics({ uiservers: 0, load1: 9 })),
      host('s', metrics({ uiservers: 1, load1: 2 })),
    ];
    assert.deepEqual(await order(tied, { rank: ['uiservers', 'load1'] }), ['r', 'q', 's', 'p']);
    assert.deepEqual(await order(tied, { rank: [] }), ['p', 'q', 'r', 's']);
  });

  it('ranks by UI servers (with pending) then load per CPU when no rank is given', async () => {
    const candidates = [
      host('a', metrics({ uiservers: 2, load1: 0 })),
      host('b', metrics({ uiservers: 1, load1: 3 }), 1),
      host('c', metrics({ uiservers: 1, load1: 1 })),
    ];
    // b's pending spawn makes it level with a on servers; a's lower load then puts it first.
    assert.deepEqual(await order(candidates, {}), ['c', 'a', 'b']);
    assert.deepEqual(await order(candidates, { filters: ['load1 > 0'] }), ['c', 'b']);
  });

  it('ranks a key it cannot compute (NaN) last among measured hosts', async () => {
    const candidates = [host('zero', metrics({ cpus: 0 })), host('x', undefined), host('ok', metrics({ load1: 100 }))];
    assert.deepEqual(await order(candidates, { rank: ['loadPerCpu'] }), ['ok', 'zero', 'x']);
  });

  it('reports every bad expression with its key, text and column', () => {
    assert.equal(
      configMessage(() => createSelector({ filters: ['load1 < 2', 'load1 < 2 and lod5 < 2', 'cpus >'], rank: ['load1 < 2'] }, CONTEXT)),
      [
        '/etc/isobar/site.yaml: selector.options.filters[1]: "load1 < 2 and lod5 < 2", column 15: unknown name "lod5"; did you mean "load5"?',
        '/etc/isobar/site.yaml: selector.options.filters[2]: "cpus >", column 7: the expression ended: expected a number, a name or "("',
        '/etc/isobar/site.yaml: selector.options.rank[0]: "load1 < 2", column 1: a rank key must be a number, but this is true or false',
      ].join('\n'),
    );
  });

  it('validates the shape of its options', () => {
    assert.equal(
      configMessage(() => createSelector({ filters: 'load1 < 2', rank: [3] }, CONTEXT)),
      '/etc/isobar/site.yaml: selector.options.filters: expected a list of expressions, got "load1 < 2"\n' +
        '/etc/isobar/site.yaml: selector.options.rank[0]: expected an expression (a string), got 3',
    );
    assert.equal(
      configMessage(() => createSelector({ filter: [] }, CONTEXT)),
      '/etc/isobar/site.yaml: selector.options.filter: unknown option; did you mean "filters"?',
    );
  });

  it('never runs the expression text as code', async () => {
    // Anything beyond arithmetic on metrics fails to compile.
    for (const source of ['process.exit(1)', 'require("fs")', 'constructor', 'this.x > 1', '__proto__ > 1']) {
      assert.throws(() => createSelector({ filters: [source] }, CONTEXT), ConfigError, source);
    }
    assert.deepEqual(await order(hosts, { filters: ['cpus > 0'] }), ['a', 'c', 'b']);
  });
});
