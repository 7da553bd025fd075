import assert from 'node:assert/strict';
import { isRoleLookupFailure, roleLookupFailure } from '../src/role-provider';
import type { RoleLookup, RoleProvider } from '../src/role-provider';
import { isRoleLookup, isRoleProvider, roleLookupProblems } from '../src/role-provider-check';
import { guardRoleProvider } from '../src/role-provider-guard';
import { rolesOfAll } from '../src/roles-of-all';

function provider(name: string, answer: (person: string) => Promise<RoleLookup>): RoleProvider {
  return guardRoleProvider({ name, rolesOf: answer });
}

describe('role lookups', () => {
  it('tells failures from answers', () => {
    assert.deepEqual(roleLookupFailure('LDAP unreachable: x'), { roles: [], error: 'LDAP unreachable: x' });
    assert.equal(isRoleLookupFailure(roleLookupFailure('x')), true);
    assert.equal(isRoleLookupFailure({ roles: ['group:a'] }), false);
  });

  it('checks shapes', () => {
    assert.equal(isRoleLookup({ roles: [] }), true);
    assert.equal(isRoleLookup({ roles: [], error: 'x' }), true);
    assert.deepEqual(roleLookupProblems(null), ['expected an object, got null']);
    assert.deepEqual(roleLookupProblems({ roles: [''], error: 1 }), [
      'roles holds something other than non-empty strings',
      'error is not a string',
    ]);
    assert.equal(isRoleProvider({ name: 'x', rolesOf: () => undefined }), true);
    assert.equal(isRoleProvider({ name: 'x' }), false);
  });

  it('guards a provider that rejects with something other than an Error', async () => {
    const guarded = provider('odd', () => Promise.reject('just a string'));
    assert.deepEqual(await guarded.rolesOf('alice'), { roles: [], error: 'odd failed: just a string' });
  });

  it('merges every provider: roles of those that answered, each failure by name', async () => {
    const unix = provider('@isobar/roles-unix', () => Promise.resolve({ roles: ['group:alice', 'group:forecasters'] }));
    const ldap = provider('@isobar/roles-ldap', () => Promise.resolve(roleLookupFailure('LDAP unreachable: ldap://x: ECONNREFUSED')));
    const other = provider('site-roles', () => Promise.resolve({ roles: ['group:forecasters', 'role:duty'] }));
    assert.deepEqual(await rolesOfAll([unix, ldap, other], 'alice'), {
      roles: ['group:alice', 'group:forecasters', 'role:duty'],
      failures: [{ provider: '@isobar/roles-ldap', error: 'LDAP unreachable: ldap://x: ECONNREFUSED' }],
    });
    assert.deepEqual(await rolesOfAll([], 'alice'), { roles: [], failures: [] });
  });
});
