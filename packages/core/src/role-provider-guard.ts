/**
 * Holds a role provider to its contract whatever the plugin does: a lookup
 * that throws, rejects or answers something malformed becomes "no roles"
 * plus an error, and a failure never carries roles. The policy can then
 * trust every answer it gets without checking again.
 */
import { firstLine } from './plugin-module';
import { isRoleLookupFailure, roleLookupFailure } from './role-provider';
import type { RoleLookup, RoleProvider } from './role-provider';
import { roleLookupProblems } from './role-provider-check';

export function guardRoleProvider(provider: RoleProvider): RoleProvider {
  const name = provider.name;
  return {
    name,
    async rolesOf(person: string): Promise<RoleLookup> {
      let answer: unknown;
      try {
        answer = await provider.rolesOf(person);
      } catch (err) {
        return roleLookupFailure(`${name} failed: ${firstLine(err)}`);
      }
      const problems = roleLookupProblems(answer);
      if (problems.length > 0) return roleLookupFailure(`${name} gave an invalid answer: ${problems.join('; ')}`);
      const lookup = answer as RoleLookup;
      if (isRoleLookupFailure(lookup)) return roleLookupFailure(lookup.error);
      return { roles: Object.freeze([...new Set(lookup.roles)]) };
    },
  };
}
