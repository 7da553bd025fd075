/**
 * Who a rule is about. A config names a person (`alice`), everyone (`*`), or
 * a role (`group:ops` or `role:ops`: the same role, whichever provider gave
 * it). Internally every subject is one string, so that "does this person
 * match this rule" is a set lookup: `*`, `user:<name>`, `role:<name>`.
 */

export const EVERYONE = '*';

/** Unix and JupyterHub user names as sites use them (LDAP names may hold "." and "@"). */
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/;
/** Group names from unix or LDAP: anything printable without spaces. */
const ROLE_NAME = /^[^\s:,]+$/;
const ROLE_PREFIXES = ['group:', 'role:'];

export function userSubject(person: string): string {
  return `user:${person}`;
}

export function roleSubject(role: string): string {
  return `role:${role}`;
}

/** `group:ops`, `role:ops` and `ops` as a role provider gives it all name the role `ops`. */
export function roleName(role: string): string {
  for (const prefix of ROLE_PREFIXES) if (role.startsWith(prefix)) return role.slice(prefix.length);
  return role;
}

export type SubjectResult = { readonly ok: true; readonly subject: string } | { readonly ok: false; readonly message: string };

/** A config key naming who a rule is for, in internal form, or why it names nobody. */
export function parseSubject(key: string): SubjectResult {
  if (key === EVERYONE) return { ok: true, subject: EVERYONE };
  const prefix = ROLE_PREFIXES.find((candidate) => key.startsWith(candidate));
  if (prefix !== undefined) {
    const name = key.slice(prefix.length);
    if (ROLE_NAME.test(name)) return { ok: true, subject: roleSubject(name) };
    return { ok: false, message: `expected a role name after "${prefix}"` };
  }
  if (USER_NAME.test(key)) return { ok: true, subject: userSubject(key) };
  return { ok: false, message: 'expected a user name, "*", "group:<name>" or "role:<name>"' };
}

/** Every subject `person` with `roles` matches: themselves, everyone, each role. */
export function subjectsOf(person: string, roles: readonly string[]): string[] {
  const subjects = [EVERYONE, userSubject(person)];
  for (const role of roles) {
    const name = roleName(role);
    if (name !== '') subjects.push(roleSubject(name));
  }
  return subjects;
}

/** How a subject is written in a config, for messages and the matrix. */
export function displaySubject(subject: string): string {
  if (subject.startsWith('user:')) return subject.slice('user:'.length);
  if (subject.startsWith('role:')) return `role:${subject.slice('role:'.length)}`;
  return subject;
}
