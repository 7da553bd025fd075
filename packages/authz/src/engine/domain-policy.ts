/**
 * One domain's compiled policy (an owner's workflow, as its layers see it):
 * a policy set per operation, built on first use, and the decisions made,
 * remembered per operation and per "which of the subjects this domain's
 * rules name does the person match". Two people matching the same named
 * subjects get the same answer, so the first decision for such a key is
 * Casbin's and later ones are a map lookup; the whole object is dropped when
 * a config file changes.
 */
import type { Operation } from '../levels';
import { userSubject } from '../subjects';
import type { PolicyEnforcer } from './model';
import { PolicySet, type DomainLayers, type Outcome } from './policy-set';

/** Above this many remembered decisions the memory is cleared (a bound, not a tuning knob). */
const MAX_REMEMBERED = 100_000;

export interface DomainPolicyOptions {
  /** False to ask Casbin every time (the benchmark measures both). */
  readonly rememberDecisions?: boolean;
}

export class DomainPolicy {
  private readonly sets = new Map<Operation, PolicySet>();
  private readonly remembered = new Map<string, Outcome>();
  private readonly ownerSubject: string;
  private readonly rememberDecisions: boolean;
  private named: ReadonlySet<string> | undefined;

  constructor(
    readonly layers: DomainLayers,
    /** Refused or broken files behind this domain, shown with every explanation. */
    readonly problems: readonly string[],
    private readonly enforcer: PolicyEnforcer,
    options: DomainPolicyOptions = {},
  ) {
    this.ownerSubject = userSubject(layers.owner);
    this.rememberDecisions = options.rememberDecisions ?? true;
  }

  /** Subjects this domain's rules name (for the "who can do what" matrix). */
  get namedSubjects(): ReadonlySet<string> {
    if (this.named === undefined) {
      const named = new Set([this.ownerSubject]);
      for (const { buckets } of this.layers.layers) for (const subject of buckets.subjects) named.add(subject);
      for (const subject of this.layers.limits.subjects) named.add(subject);
      this.named = named;
    }
    return this.named;
  }

  /** Whether any rule of the domain names `subject`: only those can change a decision. */
  private mentions(subject: string): boolean {
    if (subject === this.ownerSubject || this.layers.limits.subjects.has(subject)) return true;
    for (const { buckets } of this.layers.layers) if (buckets.subjects.has(subject)) return true;
    return false;
  }

  decide(person: string, subjects: readonly string[], operation: Operation): Outcome {
    const relevant = subjects.filter((subject) => this.mentions(subject));
    if (relevant.length > 1) relevant.sort();
    const key = `${operation}\0${relevant.join('\n')}`;
    let outcome = this.rememberDecisions ? this.remembered.get(key) : undefined;
    if (outcome === undefined) {
      outcome = this.policySet(operation).decide(this.enforcer, person, relevant);
      if (this.rememberDecisions) {
        if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
        this.remembered.set(key, outcome);
      }
    }
    return outcome;
  }

  /** Builds every operation's policy set now rather than on first use. */
  prepareAll(operations: readonly Operation[]): void {
    for (const operation of operations) this.policySet(operation);
  }

  private policySet(operation: Operation): PolicySet {
    let set = this.sets.get(operation);
    if (set === undefined) {
      set = new PolicySet(this.layers, operation);
      this.sets.set(operation, set);
    }
    return set;
  }
}
