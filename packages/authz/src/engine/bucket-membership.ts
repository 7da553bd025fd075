/**
 * The matchers' inBucket(person, bucket): is the person being decided in a
 * policy line's bucket? A person's roles come from role providers with each
 * request (never from the policy), and who is in a bucket is a bit in a
 * layer's table, so the answer is a byte per subject of the person's that
 * the domain's rules name, not a walk through a role graph.
 *
 * The caller says who is being decided, where and for which operation
 * before enforcing (decisions are synchronous: one at a time), and only that
 * is kept, so nothing grows with the number of people.
 */
import type { DomainTable, SubjectRows } from './domain-table';

const NOBODY: SubjectRows = { owner: false, rows: [] };

export class BucketMembership {
  private person: string | undefined;
  private table: DomainTable | undefined;
  private op = 0;
  private subjects = NOBODY;

  /**
   * Who is being decided, in which domain, for which operation (by index:
   * operation-index.ts), and where the person's subjects that the domain's
   * rules name are in its tables.
   */
  ask(person: string, table: DomainTable, op: number, subjects: SubjectRows): void {
    this.person = person;
    this.table = table;
    this.op = op;
    this.subjects = subjects;
  }

  /** Registered with the enforcer under the matchers' name for it; an arrow, so Casbin can call it unbound. */
  readonly inBucket = (person: string, bucket: string): boolean =>
    this.table !== undefined && person === this.person && this.table.has(this.subjects, this.op, bucket);
}
