import assert from 'node:assert/strict';
import { ConfigError } from '@isobar/core';
import type { HostCandidate, SelectorContext } from '@isobar/core';
import createSelectorDefault, { createSelector } from '../src/index';
import { seededRandom, shuffled } from '../src/random-source';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };
const REQUEST = { user: 'alice', serverName: '' };

function hosts(...names: string[]): HostCandidate[] {
  return names.map((name, i) => ({ name, address: `127.0.0.${i + 2}`, metrics: undefined, pending: 0 }));
}

describe('selector-random', () => {
  it('exports the factory as default and createSelector', () => {
    assert.equal(createSelectorDefault, createSelector);
    const selector = createSelector({}, CONTEXT);
    assert.equal(selector.name, '@isobar/selector-random');
    assert.equal(selector.needsMetrics, false);
  });

  it('returns every candidate once, without changing the input', async () => {
    const candidates = hosts('a', 'b', 'c', 'd', 'e');
    const frozen = Object.freeze([...candidates]);
    const selector = createSelector(undefined, CONTEXT);
    for (let i = 0; i < 20; i++) {
      const order = await selector.order(frozen, REQUEST);
      assert.equal(order.length, 5);
      assert.deepEqual(new Set(order), new Set(candidates));
    }
    assert.deepEqual(await selector.order([], REQUEST), []);
  });

  it('is reproducible with a seed and varies between calls', async () => {
    const candidates = hosts('a', 'b', 'c', 'd', 'e', 'f');
    const names = async (seed: number) => {
      const selector = createSelector({ seed }, CONTEXT);
      const orders: string[] = [];
      for (let i = 0; i < 5; i++) orders.push((await selector.order(candidates, REQUEST)).map((h) => h.name).join(''));
      return orders;
    };
    const first = await names(42);
    assert.deepEqual(await names(42), first);
    assert.notDeepEqual(await names(7), first);
    assert.ok(new Set(first).size > 1, 'successive calls should not all give the same order');
  });

  it('puts each host first about equally often', () => {
    const random = seededRandom(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const first = shuffled(['a', 'b', 'c'], random)[0] ?? '';
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const name of ['a', 'b', 'c']) {
      const count = counts.get(name) ?? 0;
      assert.ok(count > 900 && count < 1100, `${name} first ${count} times of 3000`);
    }
  });

  it('validates its options', () => {
    assert.throws(
      () => createSelector({ seed: 'x' }, CONTEXT),
      (err: unknown) =>
        err instanceof ConfigError && err.message === '/etc/isobar/site.yaml: selector.options.seed: expected an integer, got "x"',
    );
    assert.throws(() => createSelector({ seed: 1.5 }, CONTEXT), /selector\.options\.seed: expected an integer, got 1\.5/);
    assert.throws(() => createSelector({ sead: 1 }, CONTEXT), /selector\.options\.sead: unknown option; did you mean "seed"\?/);
    assert.throws(() => createSelector([1], CONTEXT), /selector\.options: expected a mapping, got a list/);
    assert.doesNotThrow(() => createSelector(null, CONTEXT));
  });
});
