/**
 * Per-person cache of lookups: an answer is kept for `hitSeconds`, a failure
 * for `failureSeconds` (briefly, so that a directory that is down is not
 * asked again for every check on a page, yet one that comes back is used
 * soon). Lookups for the same person while one is under way share it. The
 * oldest entries go first beyond `maxEntries`, bounding memory.
 */
import { isRoleLookupFailure } from '@isobar/core';
import type { RoleLookup } from '@isobar/core';

export interface LookupCacheOptions {
  readonly hitSeconds: number;
  readonly failureSeconds: number;
  readonly maxEntries?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export type Lookup = (person: string) => Promise<RoleLookup>;

export function cachedLookup(lookup: Lookup, options: LookupCacheOptions): Lookup {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { lookup: RoleLookup; until: number }>();
  const pending = new Map<string, Promise<RoleLookup>>();

  const remember = (person: string, answer: RoleLookup, started: number): void => {
    const seconds = isRoleLookupFailure(answer) ? options.failureSeconds : options.hitSeconds;
    if (seconds <= 0) return;
    entries.delete(person);
    entries.set(person, { lookup: answer, until: started + seconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  return (person) => {
    const cached = entries.get(person);
    if (cached !== undefined && now() < cached.until) return Promise.resolve(cached.lookup);
    const running = pending.get(person);
    if (running !== undefined) return running;
    const started = now();
    const promise = lookup(person)
      .then((answer) => {
        remember(person, answer, started);
        return answer;
      })
      .finally(() => pending.delete(person));
    pending.set(person, promise);
    return promise;
  };
}
