/**
 * Runtime checks of what role provider plugins hand back: a plugin is
 * third-party code, so a malformed provider must stop the process at start,
 * and a malformed answer must never turn into roles.
 */
import type { RoleLookup, RoleProvider } from './role-provider';

/** What is wrong with `value` as a RoleProvider; empty when nothing is. */
export function roleProviderProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) {
    return [`expected an object, got ${value === null ? 'null' : typeof value}`];
  }
  const provider = value as Partial<Record<keyof RoleProvider, unknown>>;
  const problems: string[] = [];
  if (typeof provider.name !== 'string' || provider.name === '') problems.push('name is not a non-empty string');
  if (typeof provider.rolesOf !== 'function') problems.push('rolesOf is not a function');
  return problems;
}

export function isRoleProvider(value: unknown): value is RoleProvider {
  return roleProviderProblems(value).length === 0;
}

/** What is wrong with `value` as a RoleLookup; empty when nothing is. */
export function roleLookupProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [`expected an object, got ${value === null ? 'null' : typeof value}`];
  const lookup = value as { roles?: unknown; error?: unknown };
  const problems: string[] = [];
  if (!Array.isArray(lookup.roles)) problems.push('roles is not a list');
  else if (!lookup.roles.every((role) => typeof role === 'string' && role !== ''))
    problems.push('roles holds something other than non-empty strings');
  if ('error' in lookup && typeof lookup.error !== 'string') problems.push('error is not a string');
  return problems;
}

export function isRoleLookup(value: unknown): value is RoleLookup {
  return roleLookupProblems(value).length === 0;
}
