/**
 * @isobar/roles-unix: a person's roles are their unix groups, primary and
 * supplementary, as "group:<name>", read from /etc/group and /etc/passwd.
 */
import { roleLookupFailure } from '@isobar/core';
import type { RoleLookup, RoleProvider, RoleProviderContext, RoleProviderFactory } from '@isobar/core';
import { groupNamesOf } from './etc-files';
import { parseUnixRolesOptions } from './options';
import { createTableSource } from './table-source';

export const PROVIDER_NAME = '@isobar/roles-unix';

export interface UnixRolesHooks {
  /** Clock in milliseconds, for tests of the cache. */
  readonly now?: () => number;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createUnixRoleProvider(options: unknown, context: RoleProviderContext, hooks: UnixRolesHooks = {}): RoleProvider {
  const parsed = parseUnixRolesOptions(options, context);
  const table = createTableSource({ ...parsed, ...(hooks.now === undefined ? {} : { now: hooks.now }) });
  return {
    name: PROVIDER_NAME,
    async rolesOf(person: string): Promise<RoleLookup> {
      try {
        return { roles: groupNamesOf(await table(), person).map((name) => `${parsed.prefix}${name}`) };
      } catch (err) {
        return roleLookupFailure(`unix groups unavailable: ${reason(err)}`);
      }
    },
  };
}

export const createRoleProvider: RoleProviderFactory = (options, context) => createUnixRoleProvider(options, context);

export default createRoleProvider;
export { parseUnixRolesOptions } from './options';
export type { UnixRolesOptions } from './options';
export { groupNamesOf, parseGroupTable } from './etc-files';
export type { GroupTable } from './etc-files';
