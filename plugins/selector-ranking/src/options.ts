/**
 * Options of the ranking selector:
 *   filters: [expression, ...]   each must be true for a host to be kept
 *   rank:    [expression, ...]   sort keys, ascending; negate for descending
 * Every expression is compiled here, at start, and every problem reported.
 */
import { describeValue, readSelectorOptions, selectorOptionsError } from '@isobar/core';
import type { OptionProblem, SelectorContext } from '@isobar/core';
import { compile } from './compile';
import type { CompiledExpression, Role } from './compile';
import { ExpressionError } from './expression-error';

/** Without a `rank` option: fewest UI servers (with pending spawns), then lowest load per CPU. */
export const DEFAULT_RANK: readonly string[] = ['uiservers + pending', 'loadPerCpu'];

export interface RankingOptions {
  readonly filters: readonly CompiledExpression[];
  readonly rank: readonly CompiledExpression[];
}

function compileList(key: 'filters' | 'rank', value: unknown, role: Role, problems: OptionProblem[]): CompiledExpression[] {
  if (!Array.isArray(value)) {
    problems.push({ key, message: `expected a list of expressions, got ${describeValue(value)}` });
    return [];
  }
  const compiled: CompiledExpression[] = [];
  value.forEach((item: unknown, index) => {
    const itemKey = `${key}[${index}]`;
    if (typeof item !== 'string') {
      problems.push({ key: itemKey, message: `expected an expression (a string), got ${describeValue(item)}` });
      return;
    }
    try {
      compiled.push(compile(item, role));
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      problems.push({ key: itemKey, message: `${JSON.stringify(item)}, column ${err.column}: ${err.message}` });
    }
  });
  return compiled;
}

export function parseRankingOptions(options: unknown, context: SelectorContext): RankingOptions {
  const record = readSelectorOptions(options, context, ['filters', 'rank']);
  const problems: OptionProblem[] = [];
  const filters = record.filters === undefined || record.filters === null ? [] : compileList('filters', record.filters, 'filter', problems);
  const rank =
    record.rank === undefined || record.rank === null
      ? compileList('rank', DEFAULT_RANK, 'rank', problems)
      : compileList('rank', record.rank, 'rank', problems);
  if (problems.length > 0) throw selectorOptionsError(context, problems);
  return { filters, rank };
}
