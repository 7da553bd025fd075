/**
 * Casbin's role manager for Isobar: a person's roles come from role providers
 * with each request (never from the policy), and policy subjects are
 * buckets of subjects. `g(person, bucket)` is a handful of set lookups, not
 * a walk through a role graph, which keeps a decision within microseconds.
 */
import type { RoleManager } from 'casbin';

/** The subjects in a bucket (the keys: a bucket maps each to the rules that put it there). */
export type BucketSubjects = ReadonlyMap<string, unknown>;

export class SubjectRoleManager implements RoleManager {
  /** Bucket name → the subjects in it. */
  private readonly buckets = new Map<string, BucketSubjects>();
  /**
   * The person of the decision being made and their subjects, set by the
   * caller before enforcing (decisions are synchronous: one at a time), and
   * kept only for that decision, so nothing grows with the number of people.
   */
  private person: string | undefined;
  private subjects: readonly string[] = [];

  defineBucket(name: string, subjects: BucketSubjects): void {
    this.buckets.set(name, subjects);
  }

  setSubjects(person: string, subjects: readonly string[]): void {
    this.person = person;
    this.subjects = subjects;
  }

  syncedHasLink(person: string, bucket: string): boolean {
    const members = this.buckets.get(bucket);
    if (members === undefined || person !== this.person) return false;
    for (const subject of this.subjects) if (members.has(subject)) return true;
    return false;
  }

  hasLink(person: string, bucket: string): Promise<boolean> {
    return Promise.resolve(this.syncedHasLink(person, bucket));
  }

  // Links are never added through Casbin: buckets are defined when the policy is compiled.
  clear(): Promise<void> {
    this.buckets.clear();
    this.person = undefined;
    this.subjects = [];
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
    return Promise.resolve([...(this.buckets.get(bucket)?.keys() ?? [])]);
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
