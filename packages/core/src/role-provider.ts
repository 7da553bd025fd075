/**
 * Role providers: "which groups or roles does this person have". The
 * contract between the policy (which names roles as subjects) and the
 * plugins in plugins/ (unix groups, LDAP groups). A plugin is a package
 * whose default export (or `createRoleProvider` export) is a
 * RoleProviderFactory.
 *
 * A lookup never throws for a person: when the source of roles fails, the
 * answer is no roles plus an error the UI can show ("LDAP unreachable: …").
 * No roles is always the safe side, because roles only ever grant: a person
 * whose groups could not be read gets no more than a person with no groups.
 */

/** The roles found. */
export interface RoleLookupSuccess {
  readonly roles: readonly string[];
}

/** The source failed: `roles` is empty and `error` says why, for people to read. */
export interface RoleLookupFailure {
  readonly roles: readonly string[];
  readonly error: string;
}

export type RoleLookup = RoleLookupSuccess | RoleLookupFailure;

export interface RoleProvider {
  /** The plugin's package name, for logs and errors. */
  readonly name: string;
  /** The person's roles, e.g. ["group:forecasters"]; never rejects. */
  rolesOf(person: string): Promise<RoleLookup>;
}

/** Where a provider's options came from, so it can name them in errors. */
export interface RoleProviderContext {
  /** Path of the site config file. */
  readonly configFile: string;
  /** Dotted key of the options, e.g. "roles.providers[0].options". */
  readonly optionsKey: string;
}

export type RoleProviderFactory = (options: unknown, context: RoleProviderContext) => RoleProvider;

/** The answer for a failed lookup: no roles, and why. */
export function roleLookupFailure(error: string): RoleLookupFailure {
  return { roles: [], error };
}

export function isRoleLookupFailure(lookup: RoleLookup): lookup is RoleLookupFailure {
  return 'error' in lookup && typeof lookup.error === 'string';
}
