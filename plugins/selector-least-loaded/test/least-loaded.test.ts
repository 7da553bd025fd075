import assert from 'node:assert/strict';
import { ConfigError, GIB, sampleCandidate, sampleMetrics } from '@isobar/core';
import type { HostCandidate, SelectorContext } from '@isobar/core';
import createSelectorDefault, { createSelector } from '../src/index';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };
const REQUEST = { user: 'alice', serverName: '' };
const GB = GIB;
const metrics = sampleMetrics;
const host = sampleCandidate;

async function order(candidates: HostCandidate[], options: unknown = {}): Promise<string[]> {
  return (await createSelector(options, CONTEXT).order(candidates, REQUEST)).map((h) => h.name);
}

describe('selector-least-loaded', () => {
  it('exports the factory as default and createSelector, and needs metrics', () => {
    assert.equal(createSelectorDefault, createSelector);
    const selector = createSelector(undefined, CONTEXT);
    assert.equal(selector.name, '@isobar/selector-least-loaded');
    assert.equal(selector.needsMetrics, true);
  });

  it('prefers the host with fewer UI servers, counting pending spawns', async () => {
    assert.deepEqual(
      await order([host('a', metrics({ uiservers: 5 })), host('b', metrics({ uiservers: 2 })), host('c', metrics({ uiservers: 3 }))]),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(await order([host('a', metrics({ uiservers: 1 }), 3), host('b', metrics({ uiservers: 3 }))]), ['b', 'a']);
  });

  it('breaks ties by load per CPU, then free memory, then name', async () => {
    assert.deepEqual(
      await order([
        host('a', metrics({ load1: 4, cpus: 4 })),
        host('b', metrics({ load1: 4, cpus: 8 })),
        host('c', metrics({ load1: 1, cpus: 1 })),
      ]),
      ['b', 'a', 'c'],
    );
    assert.deepEqual(await order([host('a', metrics({ memAvailableBytes: 2 * GB })), host('b', metrics({ memAvailableBytes: 4 * GB }))]), [
      'b',
      'a',
    ]);
    assert.deepEqual(await order([host('b', metrics()), host('a', metrics())]), ['a', 'b']);
  });

  it('puts hosts without metrics last, in configured order, still in the list', async () => {
    assert.deepEqual(await order([host('x', undefined), host('a', metrics({ uiservers: 50 })), host('b', undefined)]), ['a', 'x', 'b']);
  });

  it('spreads 50 sequential selections within ±20% across 3 hosts', async () => {
    const selector = createSelector({}, CONTEXT);
    const pending = new Map<string, number>([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
    for (let i = 0; i < 50; i++) {
      const candidates = [...pending].map(([name, count]) => host(name, metrics(), count));
      const [first] = await selector.order(candidates, REQUEST);
      assert.ok(first !== undefined);
      pending.set(first.name, (pending.get(first.name) ?? 0) + 1);
    }
    const expected = 50 / 3;
    for (const [name, count] of pending) {
      assert.ok(Math.abs(count - expected) <= expected * 0.2, `${name} got ${count} of 50`);
    }
  });

  it('weights load and memory when asked', async () => {
    const busy = host('busy', metrics({ uiservers: 1, load1: 8, cpus: 4 }));
    const crowded = host('crowded', metrics({ uiservers: 2, load1: 0.5, cpus: 4 }));
    assert.deepEqual(await order([busy, crowded]), ['busy', 'crowded']);
    assert.deepEqual(await order([busy, crowded], { weights: { servers: 0, load: 1 } }), ['crowded', 'busy']);
    const full = host('full', metrics({ memAvailableBytes: 1 * GB }));
    const roomy = host('roomy', metrics({ memAvailableBytes: 15 * GB, uiservers: 1 }));
    assert.deepEqual(await order([full, roomy], { weights: { servers: 0.1, memory: 1 } }), ['roomy', 'full']);
  });

  it('validates its options', () => {
    assert.throws(
      () => createSelector({ weights: { servers: -1, load: 'high' } }, CONTEXT),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message ===
          '/etc/isobar/site.yaml: selector.options.weights.servers: expected a number >= 0, got -1\n' +
            '/etc/isobar/site.yaml: selector.options.weights.load: expected a number >= 0, got "high"',
    );
    assert.throws(
      () => createSelector({ weights: { memroy: 1 } }, CONTEXT),
      /selector\.options\.weights\.memroy: unknown option; did you mean "memory"\?/,
    );
    assert.throws(() => createSelector({ weight: {} }, CONTEXT), /selector\.options\.weight: unknown option; did you mean "weights"\?/);
  });
});
