/**
 * Runtime check of what a selector plugin's factory returned: a plugin is
 * third-party code, and a malformed selector must stop the daemon at start,
 * not fail on the first spawn.
 */
import type { HostSelector } from './selector';

/** What is wrong with `value` as a HostSelector; empty when nothing is. */
export function hostSelectorProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) {
    return [`expected an object, got ${value === null ? 'null' : typeof value}`];
  }
  const selector = value as Partial<Record<keyof HostSelector, unknown>>;
  const problems: string[] = [];
  if (typeof selector.name !== 'string' || selector.name === '') problems.push('name is not a non-empty string');
  if (typeof selector.needsMetrics !== 'boolean') problems.push('needsMetrics is not a boolean');
  if (typeof selector.order !== 'function') problems.push('order is not a function');
  return problems;
}

export function isHostSelector(value: unknown): value is HostSelector {
  return hostSelectorProblems(value).length === 0;
}
