/**
 * @isobar/selector-ranking: filters and orders hosts with expressions over
 * their metrics, in the spirit of Cylc's `[scheduler][run hosts]ranking`.
 * See README.md for the expression language.
 */
import type { HostCandidate, HostSelector, HostSelectorFactory } from '@isobar/core';
import { parseRankingOptions } from './options';
import { rankHosts } from './ranking';

export const createSelector: HostSelectorFactory = (options, context): HostSelector => {
  const { filters, rank } = parseRankingOptions(options, context);
  return {
    name: '@isobar/selector-ranking',
    needsMetrics: true,
    // May return [] when the filters drop every host; the daemon reports that.
    order: (candidates: readonly HostCandidate[]) => Promise.resolve(rankHosts(candidates, filters, rank)),
  };
};

export default createSelector;
export { DEFAULT_RANK, parseRankingOptions } from './options';
export type { RankingOptions } from './options';
export { compile } from './compile';
export type { CompiledExpression, Role } from './compile';
export { evaluate } from './evaluate';
export { ExpressionError } from './expression-error';
export { VARIABLES } from './names';
