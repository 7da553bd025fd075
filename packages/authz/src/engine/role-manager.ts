/**
 * Casbin's role manager for Isobar: a person's roles come from role providers
 * with each request (never from the policy), and policy subjects are
 * buckets of subjects. `g(person, bucket)` is a handful of set lookups, not
 * a walk through a role graph, which keeps a decision within microseconds.
 */
import type { RoleManager } from 'casbin';

export class SubjectRoleManager implements RoleManager {
  /** Bucket name → the subjects in it. */
  private readonly buckets = new Map<string, ReadonlySet<string>>();
  /** Person → their subjects for the decision being made (set by the caller before enforcing). */
  private readonly people = new Map<string, readonly string[]>();

  defineBucket(name: string, subjects: ReadonlySet<string>): void {
    this.buckets.set(name, subjects);
  }

  setSubjects(person: string, subjects: readonly string[]): void {
    this.people.set(person, subjects);
  }

  syncedHasLink(person: string, bucket: string): boolean {
    const members = this.buckets.get(bucket);
    const subjects = this.people.get(person);
    if (members === undefined || subjects === undefined) return false;
    for (const subject of subjects) if (members.has(subject)) return true;
    return false;
  }

  hasLink(person: string, bucket: string): Promise<boolean> {
    return Promise.resolve(this.syncedHasLink(person, bucket));
  }

  // Links are never added through Casbin: buckets are defined when the policy is compiled.
  clear(): Promise<void> {
    this.buckets.clear();
    this.people.clear();
    return Promise.resolve();
  }

  addLink(): Promise<void> {
    return Promise.reject(new Error('SubjectRoleManager: links come from compiled buckets, not from g policies'));
  }

  deleteLink(): Promise<void> {
    return this.addLink();
  }

  getRoles(person: string): Promise<string[]> {
    return Promise.resolve([...this.buckets.keys()].filter((bucket) => this.syncedHasLink(person, bucket)));
  }

  getUsers(bucket: string): Promise<string[]> {
    return Promise.resolve([...(this.buckets.get(bucket) ?? [])]);
  }

  printRoles(): Promise<void> {
    return Promise.resolve();
  }

  getDomains(): Promise<string[]> {
    return Promise.resolve([]);
  }

  getAllDomains(): Promise<string[]> {
    return Promise.resolve([]);
  }
}
