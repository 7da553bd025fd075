/**
 * Turning validation results into operator-facing lines:
 *   /etc/isobar/site.yaml:12:5: hosts[1].port: expected an integer from 1 to 65535, got "abc"
 */
import { ConfigError } from '../errors';
import type { ConfigProblem } from '../errors';

/** ["hosts", 1, "port"] → "hosts[1].port" */
export function dottedKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += `[${segment}]`;
    else key += key === '' ? segment : `.${segment}`;
  }
  return key;
}

/** The value found at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** How a found value is quoted after "got": strings JSON-quoted, containers by kind. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object' && value !== null) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function formatProblem(problem: ConfigProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return problem.key === '' ? `${where}: ${problem.message}` : `${where}: ${problem.key}: ${problem.message}`;
}

/** One ConfigError carrying every problem, sorted by position, one per line. */
export function configErrorOf(problems: readonly ConfigProblem[]): ConfigError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return new ConfigError(sorted.map(formatProblem).join('\n'), sorted);
}
