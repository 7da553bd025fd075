/**
 * @isobar/roles-ldap: a person's roles are the LDAP groups whose entries
 * match the configured filter, as "group:<cn>". Any failure (directory down,
 * refused bind, timeout) is no roles plus a line saying why.
 */
import { roleLookupFailure } from '@isobar/core';
import type { RoleLookup, RoleProvider, RoleProviderContext, RoleProviderFactory } from '@isobar/core';
import { ldaptsClient, searchGroupNames } from './directory';
import type { DirectoryClientFactory } from './directory';
import { failureMessage } from './failure-message';
import { cachedLookup } from './lookup-cache';
import { parseLdapRolesOptions } from './options';

export const PROVIDER_NAME = '@isobar/roles-ldap';

export interface LdapRolesHooks {
  /** The LDAP client to use; ldapts by default. */
  readonly createClient?: DirectoryClientFactory;
  /** Clock in milliseconds, for tests of the cache. */
  readonly now?: () => number;
}

export function createLdapRoleProvider(options: unknown, context: RoleProviderContext, hooks: LdapRolesHooks = {}): RoleProvider {
  const parsed = parseLdapRolesOptions(options, context);
  const createClient = hooks.createClient ?? ldaptsClient;
  const uncached = async (person: string): Promise<RoleLookup> => {
    // No name can be in a group; asking would only match entries with an empty value.
    if (person === '') return { roles: [] };
    try {
      const names = await searchGroupNames(parsed, person, createClient);
      return { roles: names.map((name) => `${parsed.prefix}${name}`) };
    } catch (err) {
      return roleLookupFailure(failureMessage(err, parsed.url, parsed.bindDN));
    }
  };
  const rolesOf = cachedLookup(uncached, {
    hitSeconds: parsed.cacheSeconds,
    failureSeconds: parsed.failureCacheSeconds,
    ...(hooks.now === undefined ? {} : { now: hooks.now }),
  });
  return { name: PROVIDER_NAME, rolesOf };
}

export const createRoleProvider: RoleProviderFactory = (options, context) => createLdapRoleProvider(options, context);

export default createRoleProvider;
export { DEFAULT_FILTER, parseLdapRolesOptions } from './options';
export type { LdapRolesOptions, LdapTlsOptions } from './options';
export { buildFilter, escapeFilterValue } from './filter';
export type { DirectoryClient, DirectoryClientFactory } from './directory';
