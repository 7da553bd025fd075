/**
 * One subject's permission list (`[READ, stop, '!kill']`, or a single
 * `READ`) read from its YAML node into a GrantRule.
 */
import { isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
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

interface Permissions {
  readonly granted: ReadonlySet<Operation>;
  readonly denied: ReadonlySet<Operation>;
}

/**
 * Lists as written (`READ\0stop`) → what they allow and negate. Configs
 * repeat a handful of lists thousands of times; sharing their sets (which
 * are never changed) keeps compiling and memory in proportion to the
 * distinct lists. Bounded: emptied when full.
 */
const KNOWN_LISTS = new Map<string, Permissions>();
const MAX_KNOWN_LISTS = 4096;

/** What the list `items` allows and negates, or undefined when an item is not a permission (added to `problems`). */
function permissionsOf(items: readonly Scalar<string>[], key: string, problems: ProblemList): Permissions | undefined {
  const written = items.map((item) => item.value).join('\0');
  const known = KNOWN_LISTS.get(written);
  if (known !== undefined) return known;
  const granted = new Set<Operation>();
  const denied = new Set<Operation>();
  let valid = true;
  for (const item of items) {
    const result = parsePermission(item.value);
    if (!result.ok) {
      problems.add(item, key, result.message);
      valid = false;
      continue;
    }
    for (const operation of result.permission.operations) (result.permission.negated ? denied : granted).add(operation);
  }
  if (!valid) return undefined;
  if (KNOWN_LISTS.size >= MAX_KNOWN_LISTS) KNOWN_LISTS.clear();
  const permissions = { granted, denied };
  KNOWN_LISTS.set(written, permissions);
  return permissions;
}

/** The rule for `subject`, or undefined when the list has problems (they are added to `problems`). */
export function readPermissionList(subject: string, pair: Pair, key: string, problems: ProblemList): GrantRule | undefined {
  const items = itemNodes(pair.value);
  if (items === undefined) {
    problems.add((pair.value as Node | null) ?? (pair.key as Node | null), key, EXPECTED_LIST);
    return undefined;
  }
  const names = items.filter((item): item is Scalar<string> => isScalar(item) && typeof item.value === 'string');
  if (names.length !== items.length) {
    // Not a list of names: every item's problem, in the order written.
    for (const item of items) {
      const result = names.includes(item as Scalar<string>) ? parsePermission((item as Scalar<string>).value) : undefined;
      if (result === undefined) problems.add(item as Node | null, key, 'expected a permission name');
      else if (!result.ok) problems.add(item as Node, key, result.message);
    }
    return undefined;
  }
  const permissions = permissionsOf(names, key, problems);
  if (permissions === undefined) return undefined;
  const { granted, denied } = permissions;
  const hasNegationsOnly = granted.size === 0 && denied.size > 0;
  const text = `[${names.map((item) => item.value).join(', ')}]`;
  const source: RuleSource = { file: problems.file, ...lineOf(pair, problems), key, text };
  return { subject, granted, denied, replaces: !hasNegationsOnly, source };
}

function lineOf(pair: Pair, problems: ProblemList): { line?: number } {
  const { line } = problems.positionOf(pair.key as Node | null);
  return line === undefined ? {} : { line };
}
