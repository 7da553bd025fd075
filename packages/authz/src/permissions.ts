/**
 * What a site, owner or workflow config may write in a permission list:
 * an operation (`stop`, or GraphQL's `setOutputs`), a level (`read`,
 * `execute`, `write`: every operation up to it), one of Cylc UI server's
 * aliases (`READ`, `CONTROL`, `ALL`, so a site can bring its settings), and
 * any of these negated with `!`.
 */
import { closestMatch } from '@isobar/core';
import { canonicalOperation, isLevel, OPERATIONS, operationsUpTo, SCHEMA_MUTATIONS, type Operation } from './levels';

/** Cylc UI server's permission groups, in this table's terms. */
export const ALIASES: Readonly<Record<string, readonly Operation[]>> = {
  READ: operationsUpTo('read'),
  // Cylc's CONTROL: every mutation but broadcast, plus play and clean.
  CONTROL: [...SCHEMA_MUTATIONS.filter((operation) => operation !== 'broadcast' && operation !== 'play'), 'play', 'clean'],
  ALL: OPERATIONS,
};

export interface Permission {
  readonly negated: boolean;
  readonly operations: readonly Operation[];
}

export type PermissionResult = { readonly ok: true; readonly permission: Permission } | { readonly ok: false; readonly message: string };

const SPELLINGS = [...Object.keys(ALIASES), 'read', 'execute', 'write', ...OPERATIONS];

/** One item of a permission list, or why it is not one. */
export function parsePermission(item: string): PermissionResult {
  const negated = item.startsWith('!');
  const name = negated ? item.slice(1).trim() : item.trim();
  const alias = ALIASES[name];
  if (alias !== undefined) return { ok: true, permission: { negated, operations: alias } };
  if (isLevel(name)) return { ok: true, permission: { negated, operations: operationsUpTo(name) } };
  const operation = name === '' ? undefined : canonicalOperation(name);
  // `page` comes from the empty path; written in a config, an empty name is a mistake.
  if (operation !== undefined) return { ok: true, permission: { negated, operations: [operation] } };
  const near = name === '' ? undefined : closestMatch(name, SPELLINGS);
  const hint =
    near === undefined ? 'expected an operation, a level (read, execute, write) or READ, CONTROL, ALL' : `did you mean "${near}"?`;
  return { ok: false, message: `unknown permission ${JSON.stringify(item)}; ${hint}` };
}
