/** Options of the random selector: `seed` (optional integer) makes the order reproducible, for tests. */
import { describeValue, readSelectorOptions, selectorOptionsError } from '@isobar/core';
import type { SelectorContext } from '@isobar/core';

export interface RandomOptions {
  readonly seed: number | undefined;
}

export function parseRandomOptions(options: unknown, context: SelectorContext): RandomOptions {
  const record = readSelectorOptions(options, context, ['seed']);
  const seed = record.seed;
  if (seed === undefined || seed === null) return { seed: undefined };
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw selectorOptionsError(context, [{ key: 'seed', message: `expected an integer, got ${describeValue(seed)}` }]);
  }
  return { seed };
}
