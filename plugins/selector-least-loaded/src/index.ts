/**
 * @isobar/selector-least-loaded: tries the least loaded host first, by
 * default the one with the fewest UI servers (counting spawns still under
 * way, so a burst of logins spreads instead of piling onto one host).
 */
import type { HostCandidate, HostSelector, HostSelectorFactory } from '@isobar/core';
import { parseLeastLoadedOptions } from './options';
import { byLoad } from './score';

export const createSelector: HostSelectorFactory = (options, context): HostSelector => {
  const { weights } = parseLeastLoadedOptions(options, context);
  return {
    name: '@isobar/selector-least-loaded',
    needsMetrics: true,
    order: (candidates: readonly HostCandidate[]) => Promise.resolve(byLoad(candidates, weights)),
  };
};

export default createSelector;
export { DEFAULT_WEIGHTS, parseLeastLoadedOptions } from './options';
export type { LeastLoadedOptions, Weights } from './options';
