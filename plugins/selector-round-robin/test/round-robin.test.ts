import assert from 'node:assert/strict';
import { ConfigError } from '@isobar/core';
import type { HostCandidate, SelectorContext } from '@isobar/core';
import createSelectorDefault, { createSelector } from '../src/index';
import { rotated } from '../src/rotation';

const CONTEXT: SelectorContext = { configFile: '/etc/isobar/site.yaml', optionsKey: 'selector.options' };
const REQUEST = { user: 'alice', serverName: '' };

function hosts(...names: string[]): HostCandidate[] {
  return names.map((name, i) => ({ name, address: `127.0.0.${i + 2}`, metrics: undefined, pending: 0 }));
}

async function names(selector: ReturnType<typeof createSelector>, candidates: readonly HostCandidate[]): Promise<string> {
  return (await selector.order(candidates, REQUEST)).map((h) => h.name).join('');
}

describe('selector-round-robin', () => {
  it('exports the factory as default and createSelector', () => {
    assert.equal(createSelectorDefault, createSelector);
    const selector = createSelector(undefined, CONTEXT);
    assert.equal(selector.name, '@isobar/selector-round-robin');
    assert.equal(selector.needsMetrics, false);
  });

  it('rotates the start each call, keeping the configured order', async () => {
    const selector = createSelector({}, CONTEXT);
    const candidates = hosts('a', 'b', 'c');
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) seen.push(await names(selector, candidates));
    assert.deepEqual(seen, ['abc', 'bca', 'cab', 'abc', 'bca', 'cab', 'abc']);
  });

  it('copes with the candidate list changing (a host in backoff) and with none', async () => {
    const selector = createSelector({}, CONTEXT);
    assert.equal(await names(selector, hosts('a', 'b', 'c')), 'abc');
    assert.equal(await names(selector, hosts('a', 'c')), 'ca');
    assert.equal(await names(selector, []), '');
    assert.equal(await names(selector, hosts('a', 'b', 'c')), 'abc');
  });

  it('rotates', () => {
    assert.deepEqual(rotated([1, 2, 3], 4), [2, 3, 1]);
    assert.deepEqual(rotated([1, 2, 3], -1), [3, 1, 2]);
    assert.deepEqual(rotated([], 3), []);
  });

  it('takes no options', () => {
    assert.throws(
      () => createSelector({ start: 2 }, CONTEXT),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message === '/etc/isobar/site.yaml: selector.options.start: unknown option; this selector takes no options',
    );
  });
});
