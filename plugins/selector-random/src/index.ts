/**
 * @isobar/selector-random: tries the hosts in a random order. All of them
 * are returned, so that the daemon can fail over to the rest.
 */
import type { HostCandidate, HostSelector, HostSelectorFactory } from '@isobar/core';
import { parseRandomOptions } from './options';
import { seededRandom, shuffled } from './random-source';

export const createSelector: HostSelectorFactory = (options, context): HostSelector => {
  const { seed } = parseRandomOptions(options, context);
  const random = seed === undefined ? Math.random : seededRandom(seed);
  return {
    name: '@isobar/selector-random',
    needsMetrics: false,
    order: (candidates: readonly HostCandidate[]) => Promise.resolve(shuffled(candidates, random)),
  };
};

export default createSelector;
export { parseRandomOptions } from './options';
export type { RandomOptions } from './options';
