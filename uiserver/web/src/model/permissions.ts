/**
 * What the UI offers: the UI server's `api/permissions?workflow=<id>` says,
 * for the visitor, the workflow and the grant sent with the request, which
 * operations are allowed. Only those are offered; an operation it does not
 * name, or names false, is not shown at all.
 */
import { isLevel, levelRank, type Level } from './elevation';

export interface Permissions {
  readonly visitor: string;
  /** The level the answer was worked out at: the grant's, or read without one. */
  readonly level: Level;
  readonly elevationExpiresAt: string | undefined;
  /** By operation, as the policy names them (`stop`, `set_outputs`). */
  readonly operations: Readonly<Record<string, boolean>>;
  /** Why the visitor's groups could not be read, one entry per failing role provider. */
  readonly roleErrors: readonly string[];
}

/** What actions can be offered from. */
export type OfferBasis =
  /** The server's answer for this workflow. */
  | { readonly kind: 'policy'; readonly permissions: Permissions }
  /** A server without `api/permissions`: the page's `canAct` decides, for everything. */
  | { readonly kind: 'legacy'; readonly canAct: boolean }
  /** Not known (yet), or the question failed: nothing is offered. */
  | { readonly kind: 'none' };

export const NOTHING_OFFERED: OfferBasis = { kind: 'none' };

function roleError(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const { message, provider, plugin } = value as { message?: unknown; provider?: unknown; plugin?: unknown };
  if (typeof message !== 'string' || !message) return undefined;
  const source = typeof provider === 'string' && provider ? provider : typeof plugin === 'string' && plugin ? plugin : undefined;
  return source ? `${source}: ${message}` : message;
}

export function parsePermissions(body: unknown): Permissions | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const obj = body as Record<string, unknown>;
  const raw = obj.operations;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const operations: Record<string, boolean> = {};
  for (const [name, allowed] of Object.entries(raw as Record<string, unknown>)) operations[name] = allowed === true;
  const errors = Array.isArray(obj.roleErrors) ? obj.roleErrors.map(roleError).filter((e): e is string => e !== undefined) : [];
  return {
    visitor: typeof obj.visitor === 'string' ? obj.visitor : '',
    level: isLevel(obj.level) ? obj.level : 'read',
    elevationExpiresAt: typeof obj.elevationExpiresAt === 'string' ? obj.elevationExpiresAt : undefined,
    operations,
    roleErrors: errors,
  };
}

/** The basis an `api/permissions` answer gives: 404 is a server from before permissions. */
export function offerBasis(status: number, body: unknown, canAct: boolean): OfferBasis {
  if (status === 404) return { kind: 'legacy', canAct };
  if (status < 200 || status >= 300) return NOTHING_OFFERED;
  const permissions = parsePermissions(body);
  return permissions ? { kind: 'policy', permissions } : NOTHING_OFFERED;
}

/** The policy's name of a GraphQL mutation: `setOutputs` → `set_outputs`. */
export function operationName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * May `operation` be offered now? `heldLevel` is the level of the grant the
 * page holds now: an answer worked out at a higher level (with a grant that
 * has since expired or been dropped) offers nothing until it is asked again.
 */
export function isOffered(basis: OfferBasis, operation: string, heldLevel: Level): boolean {
  switch (basis.kind) {
    case 'none':
      return false;
    case 'legacy':
      return basis.canAct;
    case 'policy': {
      const { permissions } = basis;
      if (levelRank(permissions.level) > levelRank(heldLevel)) return false;
      const ops = permissions.operations;
      const canonical = operationName(operation);
      if (Object.hasOwn(ops, canonical)) return ops[canonical] === true;
      return Object.hasOwn(ops, operation) && ops[operation] === true;
    }
  }
}

/** `names` that may be offered, in their order. */
export function offered<T extends string>(basis: OfferBasis, names: readonly T[], heldLevel: Level): T[] {
  return names.filter((name) => isOffered(basis, name, heldLevel));
}

/** The notice for role providers that failed, or undefined when all answered. */
export function roleErrorNotice(errors: readonly string[]): string | undefined {
  if (errors.length === 0) return undefined;
  return `groups could not be read: ${errors.join('; ')}; you have the rights of someone without groups`;
}

/** `<prefix>api/permissions?workflow=<id>`; without a workflow, the visitor's standing only (role errors). */
export function permissionsUrl(prefix: string, workflowId: string | undefined): string {
  return workflowId === undefined ? `${prefix}api/permissions` : `${prefix}api/permissions?workflow=${encodeURIComponent(workflowId)}`;
}
