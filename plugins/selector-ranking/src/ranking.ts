/**
 * Filtering and ordering hosts with compiled expressions.
 *
 * Hosts without metrics fail every filter (fail closed: a filter is a rule
 * such as "memory above 2G", and a host we cannot measure has not shown it
 * passes). With no filters they are kept but go after every measured host.
 */
import type { HostCandidate } from '@isobar/core';
import type { CompiledExpression } from './compile';
import { evaluate } from './evaluate';
import { environmentOf } from './names';
import type { Environment } from './names';

interface Ranked {
  readonly candidate: HostCandidate;
  /** Undefined for a host without metrics. */
  readonly keys: readonly number[] | undefined;
}

function passes(env: Environment | undefined, filters: readonly CompiledExpression[]): boolean {
  if (filters.length === 0) return true;
  if (env === undefined) return false;
  return filters.every((filter) => evaluate(filter.expr, env) === true);
}

/** Ascending, with NaN after every number (a key that cannot be computed is not a good key). */
function compareKey(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.keys === undefined || b.keys === undefined) {
    return a.keys === b.keys ? 0 : a.keys === undefined ? 1 : -1;
  }
  for (let i = 0; i < a.keys.length; i++) {
    const order = compareKey(a.keys[i] ?? NaN, b.keys[i] ?? NaN);
    if (order !== 0) return order;
  }
  return 0;
}

/** The hosts that pass every filter, ordered by the rank keys; ties keep the configured order. */
export function rankHosts(
  candidates: readonly HostCandidate[],
  filters: readonly CompiledExpression[],
  rank: readonly CompiledExpression[],
): HostCandidate[] {
  const ranked: Ranked[] = [];
  for (const candidate of candidates) {
    const env = environmentOf(candidate);
    if (!passes(env, filters)) continue;
    const keys = env === undefined ? undefined : rank.map((key) => evaluate(key.expr, env) as number);
    ranked.push({ candidate, keys });
  }
  // Array.prototype.sort is stable, which keeps the configured order among equals.
  return ranked.sort(compareRanked).map((entry) => entry.candidate);
}
