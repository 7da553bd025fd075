/**
 * What `GET api/access?workflow=<id>` tells the owner: who can do what on
 * one of their workflows (the rows of @isobar/authz's permission matrix),
 * which layer files were read for it, and the problems that made a file
 * count for nothing, so the owner sees why a rule they wrote does not apply.
 *
 * This module holds the answer's shape and the answer without a policy; the
 * answer with one is in access-policy.ts, loaded only when a policy applies.
 */
// Straight from the module, not ./lib: lib loads the policy engine, which a server without a policy never needs.
import { OPERATION_LEVELS, OPERATIONS, type Level } from '@isobar/authz/dist/src/levels';

export const ACCESS_PATH = 'api/access';

/** One layer's file, as the policy engine looks for it. */
export interface AccessLayer {
  readonly layer: 'site' | 'user' | 'workflow';
  readonly file: string;
  /** Whether the file is there; one that is there but refused is named in `problems` too. */
  readonly present: boolean;
}

export interface AccessRow {
  /** As a config writes it: `alice`, `role:ops`, `*` (everyone no other row names). */
  readonly subject: string;
  /** The highest level of any allowed operation; null when the subject may do nothing at all. */
  readonly maxLevel: Level | null;
  /** Allowed operations, in the order of `operations`. */
  readonly allowed: readonly string[];
}

export interface AccessAnswer {
  readonly owner: string;
  /** The workflow's id, `~owner/name`. */
  readonly workflow: string;
  /** False without an authorisation policy: the fixed owner-only rule applies, and `note` says so. */
  readonly policy: boolean;
  readonly note?: string;
  readonly layers: readonly AccessLayer[];
  /** Refused or broken config files, one line each (`file:line:col: key: message`). */
  readonly problems: readonly string[];
  /** Every operation and the level it needs, in the table's order: the page groups `allowed` by it. */
  readonly operations: Readonly<Record<string, Level>>;
  readonly rows: readonly AccessRow[];
}

/** The operation table as the answer carries it. */
export function operationLevels(): Record<string, Level> {
  return { ...OPERATION_LEVELS };
}

/**
 * Without a policy the rule is fixed (graphql/authorizer.ts ownerOnlyAuthorizer):
 * the owner does everything, anyone the hub lets in reads.
 */
export function ownerOnlyAccess(owner: string, workflowId: string): AccessAnswer {
  const reads = OPERATIONS.filter((operation) => OPERATION_LEVELS[operation] === 'read');
  return {
    owner,
    workflow: workflowId,
    policy: false,
    note:
      `No authorisation policy is configured for this server: only ${owner} may act on ${owner}'s workflows, ` +
      `and anyone the hub lets in to this server may read them. No config file is read.`,
    layers: [],
    problems: [],
    operations: operationLevels(),
    rows: [
      { subject: owner, maxLevel: 'write', allowed: [...OPERATIONS] },
      { subject: '*', maxLevel: 'read', allowed: reads },
    ],
  };
}
