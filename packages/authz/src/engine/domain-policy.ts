/**
 * One domain's compiled policy (an owner's workflow, as its layers see it):
 * its layers' tables (domain-table.ts), from which the policy set for any
 * operation is read without building anything, and the decisions made,
 * remembered per operation and per "which of the subjects this domain's
 * rules name does the person match". Two people matching the same named
 * subjects get the same answer, so the first decision for such a key is
 * Casbin's and later ones are a map lookup; the whole object is dropped
 * when a config file changes.
 */
import type { Operation } from '../levels';
import { userSubject } from '../subjects';
import { decideWithCasbin, type Outcome } from './casbin-decision';
import { DomainTable, type DomainLayers } from './domain-table';
import type { PolicyEnforcer } from './model';
import { OPERATION_COUNT, operationIndex } from './operation-index';
import type { SubjectIds } from './subject-ids';

/** Above this many remembered decisions the memory is cleared (a bound, not a tuning knob). */
const MAX_REMEMBERED = 100_000;

export interface DomainPolicyOptions {
  /** False to ask Casbin every time (the benchmark measures both). */
  readonly rememberDecisions?: boolean;
}

export class DomainPolicy {
  private readonly table: DomainTable;
  /**
   * Per operation (by index), the decisions made, by the named subjects the
   * person matches: many small maps rather than one that keeps growing, as
   * growing a map copies it, and the decision that grows it would wait.
   */
  private readonly remembered = new Array<Map<string, Outcome> | undefined>(OPERATION_COUNT).fill(undefined);
  private rememberedCount = 0;
  private readonly rememberDecisions: boolean;
  private named: ReadonlySet<string> | undefined;

  constructor(
    readonly layers: DomainLayers,
    /** Refused or broken files behind this domain, shown with every explanation. */
    readonly problems: readonly string[],
    private readonly enforcer: PolicyEnforcer,
    ids: SubjectIds,
    options: DomainPolicyOptions = {},
  ) {
    this.rememberDecisions = options.rememberDecisions ?? true;
    this.table = new DomainTable(layers, ids);
  }

  /** Subjects this domain's rules name, the owner first, then layer by layer (the "who can do what" matrix's rows). */
  get namedSubjects(): ReadonlySet<string> {
    if (this.named === undefined) {
      const named = new Set([userSubject(this.layers.owner)]);
      for (const { table } of this.layers.layers) for (const subject of table.subjects) named.add(subject);
      for (const subject of this.layers.limits.subjects) named.add(subject);
      this.named = named;
    }
    return this.named;
  }

  /** `subjects`: the numbers of the person's subjects, as SubjectIds.of gives them. */
  decide(person: string, subjects: readonly number[], operation: Operation): Outcome {
    const relevant = subjects.filter((id) => this.table.names(id));
    const key = relevant.join(',');
    const op = operationIndex(operation);
    let outcome = this.rememberDecisions ? this.remembered[op]?.get(key) : undefined;
    if (outcome === undefined) {
      outcome = decideWithCasbin(this.enforcer, this.table, operation, person, this.table.rowsOf(relevant));
      if (this.rememberDecisions) this.remember(op, key, outcome);
    }
    return outcome;
  }

  private remember(op: number, key: string, outcome: Outcome): void {
    if (this.rememberedCount >= MAX_REMEMBERED) {
      this.remembered.fill(undefined);
      this.rememberedCount = 0;
    }
    let decisions = this.remembered[op];
    if (decisions === undefined) {
      decisions = new Map();
      this.remembered[op] = decisions;
    }
    decisions.set(key, outcome);
    this.rememberedCount++;
  }
}
