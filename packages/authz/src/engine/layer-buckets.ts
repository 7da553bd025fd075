/**
 * One layer's rules sorted into the buckets Casbin's policy lines name: per
 * operation, the rules negating it and those granting it, and (for every
 * operation alike) the rules that replace the layer above. A layer is
 * compiled once per file and shared by every workflow it applies to (the
 * site's by all owners without entries of their own, an owner's by all
 * their workflows), and each operation's buckets are sorted out on first
 * use: a few microseconds, rather than every operation of every file at
 * start-up.
 *
 * The replacing bucket holds every replacing rule, also those that grant or
 * negate the operation: its policy line comes after the layer's grant and
 * negation lines, so it only decides for a person none of those matched.
 */
import type { GrantRule, RuleSource } from '../config/types';
import type { Operation } from '../levels';

/** Subject → the rules that put that subject in the bucket (in the order written). */
export type BucketMembers = ReadonlyMap<string, readonly RuleSource[]>;

export interface OperationBuckets {
  readonly deny: BucketMembers;
  readonly allow: BucketMembers;
}

function addMember(members: Map<string, RuleSource[]>, rule: GrantRule): void {
  const sources = members.get(rule.subject);
  if (sources === undefined) members.set(rule.subject, [rule.source]);
  else sources.push(rule.source);
}

/** A layer's rules, or the site limits (of which only the negating and granting buckets are used). */
export class LayerBuckets {
  /** Every subject the layer's rules name. */
  readonly subjects: ReadonlySet<string>;
  readonly replaced: BucketMembers;
  private readonly operations = new Map<Operation, OperationBuckets>();

  constructor(private readonly rules: readonly GrantRule[]) {
    this.subjects = new Set(rules.map((rule) => rule.subject));
    const replaced = new Map<string, RuleSource[]>();
    for (const rule of rules) if (rule.replaces) addMember(replaced, rule);
    this.replaced = replaced;
  }

  forOperation(operation: Operation): OperationBuckets {
    let buckets = this.operations.get(operation);
    if (buckets === undefined) {
      const deny = new Map<string, RuleSource[]>();
      const allow = new Map<string, RuleSource[]>();
      for (const rule of this.rules) {
        if (rule.denied.has(operation)) addMember(deny, rule);
        else if (rule.granted.has(operation)) addMember(allow, rule);
      }
      buckets = { deny, allow };
      this.operations.set(operation, buckets);
    }
    return buckets;
  }
}
