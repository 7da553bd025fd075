/**
 * One subject's permission list (`[READ, stop, '!kill']`, or a single
 * `READ`) read from its YAML node into a GrantRule.
 */
import { isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Operation } from '../levels';
import { parsePermission } from '../permissions';
import type { ProblemList } from './problems';
import type { GrantRule, RuleSource } from './types';

const EXPECTED_LIST = 'expected a list of permissions (an empty list [] grants nothing)';

function itemNodes(value: unknown): readonly unknown[] | undefined {
  if (isSeq(value)) return value.items;
  if (isScalar(value) && typeof value.value === 'string') return [value];
  return undefined;
}

/** The rule for `subject`, or undefined when the list has problems (they are added to `problems`). */
export function readPermissionList(subject: string, pair: Pair, key: string, problems: ProblemList): GrantRule | undefined {
  const items = itemNodes(pair.value);
  if (items === undefined) {
    problems.add((pair.value as Node | null) ?? (pair.key as Node | null), key, EXPECTED_LIST);
    return undefined;
  }
  const granted = new Set<Operation>();
  const denied = new Set<Operation>();
  const written: string[] = [];
  let valid = true;
  for (const item of items) {
    if (!isScalar(item) || typeof item.value !== 'string') {
      problems.add(item as Node | null, key, 'expected a permission name');
      valid = false;
      continue;
    }
    const result = parsePermission(item.value);
    if (!result.ok) {
      problems.add(item, key, result.message);
      valid = false;
      continue;
    }
    written.push(item.value);
    for (const operation of result.permission.operations) (result.permission.negated ? denied : granted).add(operation);
  }
  if (!valid) return undefined;
  const hasNegationsOnly = granted.size === 0 && denied.size > 0;
  const source: RuleSource = { file: problems.file, ...lineOf(pair, problems), key, text: `[${written.join(', ')}]` };
  return { subject, granted, denied, replaces: !hasNegationsOnly, source };
}

function lineOf(pair: Pair, problems: ProblemList): { line?: number } {
  const { line } = problems.positionOf(pair.key as Node | null);
  return line === undefined ? {} : { line };
}
