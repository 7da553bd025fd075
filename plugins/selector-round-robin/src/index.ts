/**
 * @isobar/selector-round-robin: each call starts one host further along the
 * configured order, and the rest follow in that order so failover goes to
 * the next host. Takes no options; needs no metrics.
 *
 * The counter belongs to the selector (one per daemon), so the rotation is
 * over spawns, not per user: users take turns across the hosts.
 */
import { readSelectorOptions } from '@isobar/core';
import type { HostCandidate, HostSelector, HostSelectorFactory } from '@isobar/core';
import { rotated } from './rotation';

export const createSelector: HostSelectorFactory = (options, context): HostSelector => {
  readSelectorOptions(options, context, []);
  let next = 0;
  return {
    name: '@isobar/selector-round-robin',
    needsMetrics: false,
    order: (candidates: readonly HostCandidate[]) => {
      const order = rotated(candidates, next);
      // Wrap early so the counter never grows without bound in a long-lived daemon.
      next = candidates.length === 0 ? 0 : (next + 1) % candidates.length;
      return Promise.resolve(order);
    },
  };
};

export default createSelector;
