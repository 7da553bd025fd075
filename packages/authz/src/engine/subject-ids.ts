/**
 * Numbers for the subjects config files name (`*`, `user:alice`,
 * `role:ops`), so that the layers' tables (layer-table.ts) can find a
 * subject with a probe or two into an array of numbers, and a person's
 * subjects are looked up by their names as given, without building the
 * strings `user:<name>` and `role:<name>` for every check.
 *
 * Only subjects some rule names (and owners) get a number: a person no rule
 * names never does, so the table grows with the config files, not with the
 * people asking.
 */
import { EVERYONE, roleName } from '../subjects';

const USER = 'user:';
const ROLE = 'role:';

export class SubjectIds {
  private readonly users = new Map<string, number>();
  private readonly roles = new Map<string, number>();
  private everyone: number | undefined;
  private count = 0;

  /** The number of a subject in internal form (subjects.ts), given one if it has none yet (when compiling). */
  intern(subject: string): number {
    if (subject === EVERYONE) {
      this.everyone ??= this.count++;
      return this.everyone;
    }
    // Otherwise `user:<name>` or `role:<name>`: the only forms parseSubject gives.
    const [names, name] = subject.startsWith(USER) ? [this.users, subject.slice(USER.length)] : [this.roles, subject.slice(ROLE.length)];
    let id = names.get(name);
    if (id === undefined) {
      id = this.count++;
      names.set(name, id);
    }
    return id;
  }

  /**
   * The numbers of a person's subjects that some compiled rule names: `*`,
   * their roles (as role providers give them: `ops`, `group:ops`,
   * `role:ops`), themselves. In the order of the subjects' names, which is
   * the order explanations list rules in.
   */
  of(person: string, roles: readonly string[]): number[] {
    const found: number[] = [];
    if (this.everyone !== undefined) found.push(this.everyone);
    for (const name of roleNames(roles)) {
      const id = name === '' ? undefined : this.roles.get(name);
      if (id !== undefined) found.push(id);
    }
    const user = this.users.get(person);
    if (user !== undefined) found.push(user);
    return found;
  }
}

/**
 * Role names as subjects name them (`group:ops` and `role:ops` are `ops`),
 * sorted. A role given twice stays twice, as it always has: its rules are
 * then listed twice in explanations, and the decision is remembered apart.
 */
function roleNames(roles: readonly string[]): readonly string[] {
  if (roles.length === 0) return roles;
  if (roles.length === 1) return [roleName(roles[0] as string)];
  if (roles.length === 2) {
    // The usual case, without a sort.
    const [first, second] = [roleName(roles[0] as string), roleName(roles[1] as string)];
    return first <= second ? [first, second] : [second, first];
  }
  return roles.map(roleName).sort();
}
