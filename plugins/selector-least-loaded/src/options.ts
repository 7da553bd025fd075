/**
 * Options of the least-loaded selector:
 *   weights: { servers: 1, load: 0, memory: 0 }   (each a number >= 0; missing ones keep these defaults)
 */
import { describeValue, readSelectorOptions, selectorOptionsError } from '@isobar/core';
import type { OptionProblem, SelectorContext } from '@isobar/core';

export interface Weights {
  /** Per UI server on the host (running + this daemon's pending spawns). */
  readonly servers: number;
  /** Per unit of 1-minute load per CPU. */
  readonly load: number;
  /** Per unit of memory in use as a fraction of the total (0..1). */
  readonly memory: number;
}

export const DEFAULT_WEIGHTS: Weights = Object.freeze({ servers: 1, load: 0, memory: 0 });

const WEIGHT_NAMES = ['servers', 'load', 'memory'] as const;

export interface LeastLoadedOptions {
  readonly weights: Weights;
}

export function parseLeastLoadedOptions(options: unknown, context: SelectorContext): LeastLoadedOptions {
  const record = readSelectorOptions(options, context, ['weights']);
  if (record.weights === undefined || record.weights === null) return { weights: DEFAULT_WEIGHTS };
  const given = readSelectorOptions(record.weights, { ...context, optionsKey: `${context.optionsKey}.weights` }, WEIGHT_NAMES);
  const problems: OptionProblem[] = [];
  const weights: Record<(typeof WEIGHT_NAMES)[number], number> = { ...DEFAULT_WEIGHTS };
  for (const name of WEIGHT_NAMES) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push({ key: `weights.${name}`, message: `expected a number >= 0, got ${describeValue(value)}` });
    } else {
      weights[name] = value;
    }
  }
  if (problems.length > 0) throw selectorOptionsError(context, problems);
  return { weights };
}
