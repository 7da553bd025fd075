/**
 * Asks every configured role provider at once and merges the answers: the
 * union of the roles that could be found, and each failure by provider, so
 * that one source being down costs only its own roles and the UI can say so.
 */
import { isRoleLookupFailure } from './role-provider';
import type { RoleProvider } from './role-provider';

export interface RoleProviderFailure {
  readonly provider: string;
  readonly error: string;
}

export interface CombinedRoles {
  /** Every role found, each once, in provider order. */
  readonly roles: readonly string[];
  /** One entry per provider that failed; empty when all answered. */
  readonly failures: readonly RoleProviderFailure[];
}

/** Expects guarded providers (loadRoleProvider returns them), which never reject. */
export async function rolesOfAll(providers: readonly RoleProvider[], person: string): Promise<CombinedRoles> {
  const lookups = await Promise.all(providers.map((provider) => provider.rolesOf(person)));
  const roles = new Set<string>();
  const failures: RoleProviderFailure[] = [];
  lookups.forEach((lookup, i) => {
    if (isRoleLookupFailure(lookup)) failures.push({ provider: providers[i]?.name ?? '', error: lookup.error });
    else for (const role of lookup.roles) roles.add(role);
  });
  return { roles: [...roles], failures };
}
