import assert from 'node:assert/strict';
import type { RoleLookup } from '@isobar/core';
import { cachedLookup } from '../src/lookup-cache';

describe('roles-ldap: cache', () => {
  let clock: number;
  let asked: string[];
  let answers: Map<string, RoleLookup>;

  const lookup = (person: string): Promise<RoleLookup> => {
    asked.push(person);
    return Promise.resolve(answers.get(person) ?? { roles: [] });
  };

  beforeEach(() => {
    clock = 1_000_000;
    asked = [];
    answers = new Map([
      ['jacintar', { roles: ['group:forecasters'] }],
      ['bob', { roles: [], error: 'LDAP unreachable: x' }],
    ]);
  });

  it('keeps answers for hitSeconds', async () => {
    const cached = cachedLookup(lookup, { hitSeconds: 60, failureSeconds: 5, now: () => clock });
    await cached('jacintar');
    clock += 59_000;
    assert.deepEqual(await cached('jacintar'), { roles: ['group:forecasters'] });
    assert.deepEqual(asked, ['jacintar']);
    clock += 2_000;
    await cached('jacintar');
    assert.deepEqual(asked, ['jacintar', 'jacintar']);
  });

  it('keeps failures only for failureSeconds', async () => {
    const cached = cachedLookup(lookup, { hitSeconds: 60, failureSeconds: 5, now: () => clock });
    await cached('bob');
    clock += 4_000;
    await cached('bob');
    assert.deepEqual(asked, ['bob']);
    clock += 2_000;
    answers.set('bob', { roles: ['group:oceans-ops'] });
    assert.deepEqual(await cached('bob'), { roles: ['group:oceans-ops'] });
    assert.deepEqual(asked, ['bob', 'bob']);
  });

  it('shares a lookup under way and caches nothing with 0 seconds', async () => {
    const cached = cachedLookup(lookup, { hitSeconds: 0, failureSeconds: 0, now: () => clock });
    await Promise.all([cached('jacintar'), cached('jacintar'), cached('bob')]);
    assert.deepEqual(asked, ['jacintar', 'bob']);
    await cached('jacintar');
    assert.deepEqual(asked, ['jacintar', 'bob', 'jacintar']);
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const cached = cachedLookup(lookup, { hitSeconds: 60, failureSeconds: 5, maxEntries: 2, now: () => clock });
    for (const person of ['a', 'b', 'c', 'b', 'a']) await cached(person);
    assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
  });
});
