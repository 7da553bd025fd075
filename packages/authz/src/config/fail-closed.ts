/**
 * A layer that cannot be trusted (a broken or unsafe file) denies everything
 * it would have granted: it becomes one rule, "everyone: nothing", whose
 * source says why, so an explanation points at the real cause.
 */
import type { ConfigProblem } from '@isobar/core';
import { EVERYONE } from '../subjects';
import { formatProblem } from './problems';
import type { GrantRule } from './types';

export function denyEveryoneRule(file: string, problems: readonly ConfigProblem[]): GrantRule {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const reason = first === undefined ? 'unusable' : formatProblem(first);
  return {
    subject: EVERYONE,
    granted: new Set(),
    denied: new Set(),
    replaces: true,
    source: { file, key: '', text: `this file denies everything: ${reason}${more}` },
  };
}
